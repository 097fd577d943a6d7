import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listProjectFiles } from './project-files.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sg-walk-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Nested .gitignore files, `!` re-includes, and a re-include under an excluded directory (which git refuses). */
const layout = {
  '.gitignore': '*.log\nbuild/\n/secret.txt\n',
  'app.ts': '',
  'debug.log': '',
  'secret.txt': '',
  'build/out.js': '',
  'dist/bundle.js': '',
  'src/keep.log.ts': '',
  'src/.gitignore': '*.gen.ts\n!important.gen.ts\n',
  'src/a.gen.ts': '',
  'src/important.gen.ts': '',
  'src/deep/.gitignore': '!*.log\n',
  'src/deep/trace.log': '',
  'src/deep/secret.txt': '',
  'src/vendor/.gitignore': '*\n!.gitignore\n!keep.ts\n',
  'src/vendor/keep.ts': '',
  'src/vendor/drop.ts': '',
  'build/.gitignore': '!out.js\n',
  'node_modules/pkg/index.js': '',
};

const expected = [
  '.gitignore',
  'app.ts',
  'dist/bundle.js',
  'src/.gitignore',
  'src/deep/.gitignore',
  'src/deep/secret.txt',
  'src/deep/trace.log',
  'src/important.gen.ts',
  'src/keep.log.ts',
  'src/vendor/.gitignore',
  'src/vendor/keep.ts',
];

const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('listProjectFiles', () => {
  it('walks as git does without git: nested .gitignore, ! re-includes, excluded parents stay excluded', async () => {
    const dir = tree(layout);
    expect(await listProjectFiles(dir, { git: null })).toEqual(expected);
  });

  it('honours the .gitignore files above a subdirectory and .git/info/exclude', async () => {
    const dir = tree({ ...layout, '.git/info/exclude': 'app.ts\n' });
    expect(await listProjectFiles(join(dir, 'src'), { git: null })).toEqual(
      expected.filter((p) => p.startsWith('src/')).map((p) => p.slice(4)),
    );
    expect(await listProjectFiles(dir, { git: null })).not.toContain('app.ts');
  });

  it.skipIf(!hasGit)(
    'agrees with git ls-files, and lists tracked files that an ignore rule matches',
    async () => {
      const dir = tree(layout);
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], {
          cwd: dir,
          encoding: 'utf8',
        });
      git('init', '-q');
      // The one deliberate difference: node_modules is never listed, even when not ignored.
      const fromGit = git('ls-files', '-co', '--exclude-standard')
        .trim()
        .split('\n')
        .filter((p) => !p.startsWith('node_modules/'))
        .sort();
      expect(await listProjectFiles(dir, { git: null })).toEqual(fromGit);
      expect(await listProjectFiles(dir)).toEqual(fromGit);
      git('add', '-f', 'debug.log');
      git('commit', '-q', '-m', 'x');
      expect(await listProjectFiles(dir)).toContain('debug.log');
    },
  );

  it('keeps only what `include` accepts', async () => {
    const dir = tree(layout);
    const ts = await listProjectFiles(dir, { git: null, include: (p) => p.endsWith('.ts') });
    expect(ts).toEqual(expected.filter((p) => p.endsWith('.ts')));
  });
});
