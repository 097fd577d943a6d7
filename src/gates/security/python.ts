import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { findExecutable, pathDirs } from '../../find-executable.js';
import type { Finding, Severity, SourceFile } from '../types.js';

export interface PythonToolsOptions {
  /** Directories to look for `bandit` / `ruff` in (PATH-style string). Default: the process PATH lookup of execFile. */
  searchPath?: string;
  /** Per-run timeout in milliseconds (default 60 s). */
  timeoutMs?: number;
}

export interface PythonResult {
  findings: Finding[];
  /** Set when Python files could not be checked. */
  reason?: string;
}

export const PYTHON_SKIP_REASON = 'bandit or ruff is not installed; Python files were not checked';

const banditSchema = z.object({
  results: z.array(
    z.object({
      filename: z.string(),
      line_number: z.number(),
      col_offset: z.number().optional(),
      issue_severity: z.string(),
      issue_text: z.string(),
      test_id: z.string(),
      test_name: z.string().optional(),
      issue_cwe: z.object({ id: z.number() }).optional(),
      more_info: z.string().optional(),
    }),
  ),
});
const ruffSchema = z.array(
  z.object({
    code: z.string().nullable(),
    message: z.string(),
    filename: z.string(),
    location: z.object({ row: z.number(), column: z.number() }),
    url: z.string().nullable().optional(),
  }),
);

/** Ruff's flake8-bandit codes carry no CWE; the common ones, from bandit's own mapping. */
const ruffCwe: Record<string, string> = {
  S102: 'CWE-78',
  S103: 'CWE-732',
  S104: 'CWE-605',
  S105: 'CWE-259',
  S106: 'CWE-259',
  S107: 'CWE-259',
  S108: 'CWE-377',
  S110: 'CWE-703',
  S112: 'CWE-703',
  S113: 'CWE-400',
  S301: 'CWE-502',
  S307: 'CWE-78',
  S311: 'CWE-330',
  S324: 'CWE-327',
  S501: 'CWE-295',
  S506: 'CWE-20',
  S602: 'CWE-78',
  S603: 'CWE-78',
  S604: 'CWE-78',
  S605: 'CWE-78',
  S606: 'CWE-78',
  S607: 'CWE-78',
  S608: 'CWE-89',
  S701: 'CWE-94',
};

async function findTool(name: string, searchPath: string | undefined): Promise<string | undefined> {
  if (searchPath === undefined) return name; // let execFile search PATH; ENOENT means absent
  return findExecutable(name, pathDirs(searchPath));
}

interface RunOutput {
  stdout: string;
  missing: boolean;
}

function run(
  cmd: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { cwd, timeout: timeoutMs, signal, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT')
          resolve({ stdout: '', missing: true });
        else if (err && stdout.trim() === '') reject(err);
        else resolve({ stdout, missing: false }); // both tools exit 1 when they found issues
      },
    );
  });
}

function banditSeverity(s: string): Severity {
  return s === 'HIGH' ? 'high' : s === 'MEDIUM' ? 'medium' : 'low';
}

function mapBandit(stdout: string, files: Map<string, string>): Finding[] {
  const parsed = banditSchema.parse(JSON.parse(stdout));
  return parsed.results.map((r) => ({
    gate: 'security',
    rule: `bandit-${r.test_id}${r.test_name ? `-${r.test_name}` : ''}`,
    severity: banditSeverity(r.issue_severity),
    message: r.issue_text,
    line: r.line_number,
    column: (r.col_offset ?? 0) + 1,
    cwe: `CWE-${r.issue_cwe?.id ?? 693}`,
    fix: r.more_info ? `See ${r.more_info}` : 'See the bandit documentation for this test.',
    file: files.get(basename(r.filename)) ?? r.filename,
  }));
}

function mapRuff(stdout: string, files: Map<string, string>): Finding[] {
  return ruffSchema.parse(JSON.parse(stdout)).map((r) => ({
    gate: 'security',
    rule: `ruff-${r.code ?? 'S'}`,
    severity: r.code && /^S(60[2-8]|30[17]|102|501)$/.test(r.code) ? 'high' : 'medium',
    message: r.message,
    line: r.location.row,
    column: r.location.column,
    cwe: (r.code && Object.hasOwn(ruffCwe, r.code) ? ruffCwe[r.code] : undefined) ?? 'CWE-693',
    fix: r.url ? `See ${r.url}` : 'See the ruff flake8-bandit (S) rule documentation.',
    file: files.get(basename(r.filename)) ?? r.filename,
  }));
}

/** Checks Python files with bandit (preferred) or ruff's S rules; skips with a reason if neither exists. */
export async function checkPython(
  files: SourceFile[],
  options: PythonToolsOptions,
  signal: AbortSignal,
): Promise<PythonResult> {
  const dir = await mkdtemp(join(tmpdir(), 'shipgate-py-'));
  try {
    const names = new Map<string, string>();
    const local: string[] = [];
    for (const [i, f] of files.entries()) {
      const name = `${i}_${basename(f.path)}`;
      names.set(name, f.path);
      local.push(name);
      await writeFile(join(dir, name), f.content);
    }
    const timeout = options.timeoutMs ?? 60_000;
    const bandit = await findTool('bandit', options.searchPath);
    if (bandit) {
      const out = await run(bandit, ['-f', 'json', '-q', ...local], dir, timeout, signal);
      if (!out.missing) return { findings: mapBandit(out.stdout, names) };
    }
    const ruff = await findTool('ruff', options.searchPath);
    if (ruff) {
      const args = [
        'check',
        '--select',
        'S',
        '--output-format',
        'json',
        '--no-cache',
        '--isolated',
        ...local,
      ];
      const out = await run(ruff, args, dir, timeout, signal);
      if (!out.missing) return { findings: mapRuff(out.stdout, names) };
    }
    return { findings: [], reason: PYTHON_SKIP_REASON };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
