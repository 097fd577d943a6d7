import { formatMicros } from '../gateway/cost.js';
import type { AttemptRecord, GenerateResult, ProgressEvent } from './types.js';
import type { WrittenFile } from './write-files.js';

/** `typecheck ✓ lint ✗ (3) tests ✗ (1)` — skipped gates are left out. */
export function gateLine(record: AttemptRecord): string {
  if (record.verdict === 'no-code') return 'no code in the answer';
  const parts = record.gates
    .filter((g) => g.verdict !== 'skip')
    .map((g) => {
      const blocking = record.findings.filter((f) => f.gate === g.gate && f.blocking).length;
      if (g.verdict === 'pass') return `${g.gate} ✓`;
      return `${g.gate} ✗${blocking > 0 ? ` (${blocking})` : ''}`;
    });
  const answer = record.findings.filter((f) => f.gate === 'generate' && f.blocking).length;
  if (answer > 0) parts.unshift(`answer ✗ (${answer})`);
  return parts.join(' ');
}

/** One line for the live progress display (stderr, TTY only); null for events not shown. */
export function progressLine(event: ProgressEvent): string | null {
  switch (event.type) {
    case 'calling-model':
      return `attempt ${event.attempt}: calling model…`;
    case 'validating':
      return `attempt ${event.attempt}: validating ${event.files.join(', ')}…`;
    case 'running-tests':
      return `attempt ${event.attempt}: running tests in the sandbox…`;
    case 'attempt-done':
      return `attempt ${event.record.attempt}: ${gateLine(event.record)}`;
    default:
      return null;
  }
}

function attemptSummary(record: AttemptRecord): string[] {
  const head =
    `attempt ${record.attempt}  ${record.verdict.toUpperCase()}  ${gateLine(record)}  ` +
    `· ${record.tokens.input} in / ${record.tokens.output} out · ${formatMicros(record.costMicros)} · ` +
    `${record.latencyMs} ms model + ${record.validateMs} ms checks · ${record.model}`;
  const lines = [head];
  for (const file of record.files) lines.push(`  ${file.path} (${file.bytes} bytes)`);
  const blocking = record.findings.filter((f) => f.blocking);
  for (const f of blocking.slice(0, 10)) {
    const message = f.message.split('\n')[0] ?? '';
    lines.push(`    ${f.file}:${f.line} ${f.gate}/${f.rule} ${message}`);
  }
  if (blocking.length > 10) lines.push(`    … and ${blocking.length - 10} more`);
  return lines;
}

const stopWords: Record<GenerateResult['stopReason'], string> = {
  passed: 'passed',
  'max-attempts': 'FAILED: attempts exhausted',
  budget: 'FAILED: budget exhausted',
  stuck: 'FAILED: stuck',
  'no-code': 'FAILED: no code',
};

/** The text report: one block per attempt, the outcome, and what was (not) written. */
export function formatResultText(
  result: GenerateResult,
  written: WrittenFile[] | null,
  root: string,
): string {
  const lines: string[] = [];
  for (const record of result.attempts) lines.push(...attemptSummary(record));
  const t = result.totals;
  const tpl = `${result.template.name}@${result.template.version}`;
  lines.push(
    '',
    `${stopWords[result.stopReason]} — ${result.stopDetail}`,
    `${t.attempts} attempt(s) · ${t.inputTokens} in / ${t.outputTokens} out · ${formatMicros(t.costMicros)} · ${t.durationMs} ms · template ${tpl}`,
  );
  if (written && written.length > 0) {
    lines.push(`wrote ${written.length} file(s) under ${root}:`);
    for (const file of written) lines.push(`  ${file.path} (${file.bytes} bytes)`);
  } else {
    lines.push('nothing written (pass --write-anyway to write code that did not pass)');
  }
  return `${lines.join('\n')}\n`;
}
