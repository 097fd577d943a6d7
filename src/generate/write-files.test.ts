import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeGeneratedFiles } from './write-files.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-write-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('writeGeneratedFiles', () => {
  it('writes files (creating directories) and leaves no temp files behind', async () => {
    const root = tempDir();
    const written = await writeGeneratedFiles(root, [
      { path: 'src/deep/a.ts', content: 'export const a = 1;\n' },
      { path: 'b.ts', content: 'é' },
    ]);
    expect(written).toEqual([
      { path: 'src/deep/a.ts', bytes: 20 },
      { path: 'b.ts', bytes: 2 },
    ]);
    expect(readFileSync(join(root, 'src/deep/a.ts'), 'utf8')).toBe('export const a = 1;\n');
    expect(readdirSync(join(root, 'src/deep'))).toEqual(['a.ts']);
  });

  it('writes nothing when any path leaves the root', async () => {
    const root = tempDir();
    const files = [
      { path: 'ok.ts', content: 'x' },
      { path: '../escape.ts', content: 'y' },
    ];
    await expect(writeGeneratedFiles(root, files)).rejects.toMatchObject({ code: 'bad_request' });
    expect(readdirSync(root)).toEqual([]);
    await expect(
      writeGeneratedFiles(root, [{ path: '/etc/shipgate-nope.ts', content: 'z' }]),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('refuses a symlinked directory or file that leads outside the root', async () => {
    const root = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(root, 'link'));
    await expect(
      writeGeneratedFiles(root, [{ path: 'link/new/a.ts', content: 'x' }]),
    ).rejects.toThrow(/symlink/);
    symlinkSync(join(outside, 'target.ts'), join(root, 'file.ts'));
    await expect(writeGeneratedFiles(root, [{ path: 'file.ts', content: 'x' }])).rejects.toThrow(
      /symlink/,
    );
    expect(readdirSync(outside)).toEqual([]);
  });

  it('allows a symlink that stays inside the root', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'alias'));
    await writeGeneratedFiles(root, [{ path: 'alias/a.ts', content: 'x' }]);
    expect(readFileSync(join(root, 'real/a.ts'), 'utf8')).toBe('x');
  });
});
