import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';

/** A project template without tests, so a test can decide `withTests` itself. */
export const plainTemplate = `---
name: plain-function
version: 1.0.0
task: generate
description: One TypeScript function from a spec, no tests (test fixture).
output: files
modelHints:
  temperature: 0.2
---
Implement: {{spec}}
{{#targetFile}}
Write it to \`{{targetFile}}\`.
{{/targetFile}}
`;

/**
 * A real temp TypeScript project: package.json (ESM), strict tsconfig, an empty src/,
 * and the `plain-function` template in .shipgate/templates.
 */
export function makeProject(prefix = 'shipgate-gen-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, '.shipgate', 'templates'), { recursive: true });
  writeFileSync(join(root, '.shipgate', 'templates', 'plain-function.md'), plainTemplate);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'demo', type: 'module' }));
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        noEmit: true,
        types: [],
      },
      include: ['src'],
    }),
  );
  return root;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A gateway (real router, provider and metering) over a local OpenAI-compatible server. */
export async function runtimeFor(baseUrl: string, home: string): Promise<Runtime> {
  const env = { OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'sk-local', SHIPGATE_HOME: home };
  const config = parseConfig({ cache: { enabled: false } }, 'test', env);
  return createRuntime(config);
}

/** Fenced answer with the path on its own line before each block (what the templates ask for). */
export function answer(...files: [path: string, content: string][]): string {
  return files.map(([path, content]) => `${path}\n\`\`\`ts\n${content}\`\`\``).join('\n\n');
}
