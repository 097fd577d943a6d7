import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** Bun's subprocess API, read like Deno's (command-injection.ts `checkRuntimeSpawn`). */
const server = (spawn: string): string =>
  lines(
    'Bun.serve({',
    '  async fetch(req) {',
    '    const body = await req.json();',
    `    ${spawn}`,
    "    return new Response('ok');",
    '  },',
    '});',
  );

describe('Bun.spawn', () => {
  it('reports input run through sh -c, or as the program, in either argument form', () => {
    expect(
      ruleFindings('command-injection', server("Bun.spawn(['sh', '-c', body.cmd]);"), 's.ts'),
    ).toEqual(['3:critical']);
    expect(
      ruleFindings(
        'command-injection',
        server("Bun.spawnSync({ cmd: [body.tool, '--version'] });"),
        's.ts',
      ),
    ).toEqual(['3:critical']); // from `const body`, just above (ADR 0045)
  });
  it('does not report input as an argument of a program run without a shell', () => {
    expect(
      ruleFindings('command-injection', server("Bun.spawn(['ls', '-la', body.dir]);"), 's.ts'),
    ).toEqual([]);
  });
});
