import { execFile } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * The one project file walker (validate, the tests gate, the context index): the files
 * git would show — tracked files plus untracked ones that no ignore rule excludes —
 * under a directory. Inside a git work tree it asks git itself (`git ls-files
 * --cached --others --exclude-standard`), which is exact by definition. Elsewhere it
 * applies the same rules: `.gitignore` in every directory (deeper files and later lines
 * win, `!` re-includes), `.git/info/exclude`, and no re-inclusion below an excluded
 * directory. `.git` and `node_modules` are never listed. Symlinks are not followed.
 */
export interface ListFilesOptions {
  /** Keep only these paths (relative to `dir`, `/`-separated). */
  include?: (relativePath: string) => boolean;
  /** Extra ignore files read like `.gitignore` at the top of `dir` (e.g. `.shipgateignore`). */
  extraIgnoreFiles?: string[];
  /** Git executable (default `git` from PATH); `null` forces the built-in walker. */
  git?: string | null;
}

const neverListed = new Set(['.git', 'node_modules']);

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function hiddenByPolicy(rel: string): boolean {
  return rel.split('/').some((part) => neverListed.has(part));
}

function gitList(git: string, dir: string): Promise<string[] | undefined> {
  const args = ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '.'];
  return new Promise((done) => {
    execFile(
      git,
      args,
      { cwd: dir, maxBuffer: 256 * 1024 * 1024, timeout: 30_000, killSignal: 'SIGKILL' },
      (error, stdout) => done(error ? undefined : stdout.split('\0').filter(Boolean)),
    );
  });
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

interface Scope {
  /** Directory the rules are relative to. */
  base: string;
  rules: Ignore;
}

async function readRules(files: string[]): Promise<Ignore | undefined> {
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8').catch(() => undefined)));
  const found = texts.filter((t): t is string => t !== undefined);
  return found.length > 0 ? ignore().add(found.join('\n')) : undefined;
}

/** Last matching rule wins, deeper `.gitignore` files after shallower ones, as in git. */
function isIgnored(scopes: Scope[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const rel = toPosix(relative(scope.base, path));
    if (rel === '' || rel.startsWith('..')) continue;
    const result = scope.rules.test(isDir ? `${rel}/` : rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** The git work tree holding `dir` (nearest ancestor with `.git`), if any. */
async function workTreeOf(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    if (
      await stat(join(current, '.git')).then(
        () => true,
        () => false,
      )
    )
      return current;
    if (dirname(current) === current) return undefined;
  }
}

/** Scopes from the work tree (or `dir`) down to `dir`'s parent, so a walk of a subdirectory honours them. */
async function outerScopes(dir: string, extra: string[]): Promise<Scope[]> {
  const top = (await workTreeOf(dir)) ?? dir;
  const scopes: Scope[] = [];
  const info = await readRules([join(top, '.git', 'info', 'exclude')]);
  if (info) scopes.push({ base: top, rules: info });
  const chain: string[] = [];
  for (let current = dir; current !== top; current = dirname(current)) chain.unshift(current);
  for (const current of [top, ...chain]) {
    if (current === dir) break;
    const rules = await readRules([join(current, '.gitignore')]);
    if (rules) scopes.push({ base: current, rules });
  }
  const own = await readRules(extra.map((name) => join(dir, name)));
  if (own) scopes.push({ base: dir, rules: own });
  return scopes;
}

async function walk(dir: string, scopes: Scope[], out: string[]): Promise<void> {
  const own = await readRules([join(dir, '.gitignore')]);
  const active = own ? [...scopes, { base: dir, rules: own }] : scopes;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (neverListed.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isIgnored(active, path, true)) await walk(path, active, out);
    } else if (entry.isFile() && !isIgnored(active, path, false)) out.push(path);
  }
}

/** Files under `dir` as git sees them: relative, `/`-separated, sorted. */
export async function listProjectFiles(
  dir: string,
  options: ListFilesOptions = {},
): Promise<string[]> {
  const root = resolve(dir);
  const extra = options.extraIgnoreFiles ?? [];
  let listed: string[];
  const fromGit = options.git === null ? undefined : await gitList(options.git ?? 'git', root);
  if (fromGit) {
    // Tracked files deleted from disk are not there to check.
    const present = await Promise.all(fromGit.map((rel) => isFile(join(root, rel))));
    listed = fromGit.filter((_, i) => present[i]);
    if (extra.length > 0) {
      const rules = await readRules(extra.map((name) => join(root, name)));
      if (rules) listed = listed.filter((rel) => !rules.ignores(rel));
    }
  } else {
    const out: string[] = [];
    await walk(root, await outerScopes(root, extra), out);
    listed = out.map((path) => toPosix(relative(root, path)));
  }
  const include = options.include ?? (() => true);
  return listed.filter((rel) => !hiddenByPolicy(rel) && include(rel)).sort();
}
