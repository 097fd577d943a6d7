import parseDiff from 'parse-diff';
import { ErrorCode, ShipgateError } from '../errors.js';

/** One hunk as the head side sees it. */
export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Lines in order: ' ' context, '+' added, '-' deleted (text without the marker). */
  lines: { kind: ' ' | '+' | '-'; text: string }[];
}

export type DiffStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'binary' | 'mode';

export interface DiffFile {
  /** Head path (the old path for deletions). */
  path: string;
  oldPath: string | null;
  status: DiffStatus;
  hunks: DiffHunk[];
  /** Head line numbers the diff adds. */
  added: Set<number>;
  /**
   * Head line numbers the diff changed: added lines, plus the head line right after a
   * pure deletion (where a removed guard used to be), so a finding there counts.
   */
  changed: Set<number>;
  /** Every head line GitHub shows in the diff (context included): inline comments go only here. */
  visible: Set<number>;
}

function stripPrefix(path: string | undefined): string | null {
  if (!path || path === '/dev/null') return null;
  return path.replace(/^[ab]\//, '');
}

/** Paths named by `Binary files a/x and b/y differ` or a `GIT binary patch`. */
function binaryPaths(text: string): Set<string> {
  const paths = new Set<string>();
  for (const match of text.matchAll(/^Binary files (?:a\/)?(.+?) and (?:b\/)?(.+?) differ$/gm)) {
    if (match[2] && match[2] !== '/dev/null') paths.add(match[2]);
    if (match[1] && match[1] !== '/dev/null') paths.add(match[1]);
  }
  for (const match of text.matchAll(
    /^diff --git a\/(.+?) b\/(.+)\n(?:.*\n){0,4}?GIT binary patch$/gm,
  )) {
    if (match[2]) paths.add(match[2]);
  }
  return paths;
}

function toHunk(chunk: parseDiff.Chunk): DiffHunk {
  return {
    oldStart: chunk.oldStart,
    oldLines: chunk.oldLines,
    newStart: chunk.newStart,
    newLines: chunk.newLines,
    lines: chunk.changes.map((change) => ({
      kind: change.type === 'add' ? '+' : change.type === 'del' ? '-' : ' ',
      text: change.content.slice(1),
    })),
  };
}

function lineSets(hunks: DiffHunk[]): Pick<DiffFile, 'added' | 'changed' | 'visible'> {
  const added = new Set<number>();
  const changed = new Set<number>();
  const visible = new Set<number>();
  for (const hunk of hunks) {
    let line = hunk.newStart;
    let deletedBefore = false;
    for (const entry of hunk.lines) {
      if (entry.kind === '-') {
        deletedBefore = true;
        continue;
      }
      visible.add(line);
      if (entry.kind === '+') {
        added.add(line);
        changed.add(line);
      } else if (deletedBefore) {
        changed.add(line);
      }
      deletedBefore = false;
      line += 1;
    }
    if (deletedBefore && line > 1) changed.add(line - 1);
  }
  return { added, changed, visible };
}

function statusOf(
  file: parseDiff.File,
  from: string | null,
  to: string | null,
  binary: boolean,
): DiffStatus {
  if (binary) return 'binary';
  if (file.deleted || to === null) return 'deleted';
  if (file.new || from === null) return 'added';
  if (from !== to) return 'renamed';
  if (file.chunks.length === 0) return 'mode';
  return 'modified';
}

/** parse-diff's files, or a 400: it throws a TypeError on some malformed hunks. */
function parseDiffText(text: string): parseDiff.File[] {
  try {
    return parseDiff(text);
  } catch (cause) {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'the diff is malformed (a hunk line that is not " ", "+", "-" or a "\\ No newline" note after a line): produce it with `git diff BASE HEAD`',
      { cause },
    );
  }
}

/**
 * Parses a unified diff (`git diff`, `diff -u`, a pull request's .diff) into the files it
 * changes with their head-side line sets. Text that is not a diff is a usage error.
 */
export function parseUnifiedDiff(text: string): DiffFile[] {
  if (text.trim() === '') return [];
  const files = parseDiffText(text);
  if (files.length === 0)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'the input is not a unified diff: expected "diff --git" or "---"/"+++" file headers with "@@" hunks (produce one with `git diff BASE HEAD`)',
    );
  const binary = binaryPaths(text);
  return files.map((file) => {
    const from = stripPrefix(file.from);
    const to = stripPrefix(file.to);
    const path = to ?? from ?? '';
    const status = statusOf(file, from, to, binary.has(path));
    const hunks = file.chunks.map(toHunk);
    return { path, oldPath: from, status, hunks, ...lineSets(hunks) };
  });
}
