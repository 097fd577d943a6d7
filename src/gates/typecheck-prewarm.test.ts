import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTypecheckClient } from './typecheck-client.js';
import { createTypecheckEngine } from './typecheck-engine.js';
import { tempProjects } from './test-support/gate-projects.js';

const { project, cleanup } = tempProjects('sg-typecheck-prewarm-');
afterAll(cleanup);

const libError = 'export const found = [1, 2].includes("two");\n';

describe('typecheck prewarm', () => {
  it('loads the default libs even when the root has no files to check yet', () => {
    const root = project({ 'package.json': '{"type":"module"}' });
    const engine = createTypecheckEngine();
    const files = engine.prewarm(root);
    // lib.es2022.full.d.ts and the files it references, not an empty program
    expect(files).toBeGreaterThan(10);
    const findings = engine.check(root, [{ path: join(root, 'a.ts'), content: libError }], false);
    expect(findings.map((f) => [f.rule, f.file])).toEqual([['TS2345', join(root, 'a.ts')]]);
  });

  it('leaves nothing of the placeholder in later checks', () => {
    const root = project({ 'package.json': '{"type":"module"}' });
    const engine = createTypecheckEngine();
    engine.prewarm(root);
    const path = join(root, 'b.ts');
    expect(engine.check(root, [{ path, content: 'export const b = 1;\n' }], false)).toEqual([]);
  });

  it('lets a check posted during the prewarm run without waiting for its answer', async () => {
    const root = project({ 'package.json': '{"type":"module"}' });
    const client = createTypecheckClient();
    try {
      client.prewarm(root);
      const path = join(root, 'c.ts');
      const findings = await client.check({
        root,
        files: [{ path, content: libError }],
        suggestions: false,
      });
      expect(findings.map((f) => f.rule)).toEqual(['TS2345']);
      expect(client.unavailable()).toBe(false);
    } finally {
      await client.close();
    }
  });
});
