import { describe, expect, it } from 'vitest';
import { parseModelOutput } from './parse-output.js';
import { modelSupportsJson, parseStructuredFiles } from './structured-output.js';

describe('structured output', () => {
  it('reads {files:[{path, content}]}, bare or fenced as json, and rejects other shapes', () => {
    const answer = { files: [{ path: 'src/a.ts', content: 'export const a = 1;\n' }] };
    expect(parseStructuredFiles(JSON.stringify(answer))).toEqual(answer);
    expect(parseStructuredFiles(`\`\`\`json\n${JSON.stringify(answer)}\n\`\`\``)).toEqual(answer);
    expect(parseStructuredFiles('{"files": []}')).toBeNull();
    expect(parseStructuredFiles('{"code": "x"}')).toBeNull();
    expect(parseStructuredFiles('here is the code: {')).toBeNull();
  });

  it('applies the project-root check to structured paths', () => {
    const text = JSON.stringify({
      files: [
        { path: '../escape.ts', content: 'x' },
        { path: 'src/ok.ts', content: 'y' },
      ],
    });
    const parsed = parseModelOutput(text, { root: '/tmp/project', withTests: false });
    expect(parsed.files).toEqual([{ path: 'src/ok.ts', content: 'y' }]);
    expect(parsed.findings.map((f) => f.rule)).toEqual(['path-outside-root']);
  });

  it('asks for JSON only when the first model for generation supports it', () => {
    const registry = (caps: string[]) => ({ candidates: () => [{ capabilities: caps }] });
    expect(modelSupportsJson(registry(['chat', 'json']))).toBe(true);
    expect(modelSupportsJson(registry(['chat']))).toBe(false);
    expect(
      modelSupportsJson({
        candidates: () => {
          throw new Error('no provider');
        },
      }),
    ).toBe(false);
  });
});
