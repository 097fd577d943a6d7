import type { GeneratedFile, GenerateFinding } from './types.js';

/** At most this many findings are listed; the rest are counted. */
const maxListed = 25;
/** Source lines shown around a finding. */
const contextLines = 1;
const maxExcerptLines = 8;

/** The offending lines with their numbers (`  12 | code`), the finding's lines marked with `>`. */
export function sourceExcerpt(content: string, finding: GenerateFinding): string {
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return '';
  const first = Math.max(1, Math.min(finding.line, lines.length));
  const last = Math.min(lines.length, Math.max(first, finding.endLine ?? first));
  const from = Math.max(1, first - contextLines);
  const to = Math.min(lines.length, last + contextLines, from + maxExcerptLines - 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const mark = n >= first && n <= last ? '>' : ' ';
    out.push(`    ${mark} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
  }
  return out.join('\n');
}

function describe(finding: GenerateFinding, files: ReadonlyMap<string, string>): string {
  const where = `${finding.file}:${finding.line}${finding.column ? `:${finding.column}` : ''}`;
  const cwe = finding.cwe ? ` ${finding.cwe}` : '';
  const head = `- ${where} [${finding.gate}/${finding.rule}${cwe}, ${finding.severity}] ${finding.message.trim()}`;
  const parts = [head];
  if (finding.fix) parts.push(`  fix: ${finding.fix}`);
  const content = files.get(finding.file);
  if (content !== undefined && finding.gate !== 'tests') {
    const excerpt = sourceExcerpt(content, finding);
    if (excerpt) parts.push(excerpt);
  }
  return parts.join('\n');
}

/**
 * The user message that asks for a repair: every blocking finding with its gate, rule,
 * file, line, message, fix hint and the offending source lines, then how to answer.
 */
export function repairMessage(findings: GenerateFinding[], files: GeneratedFile[]): string {
  const blocking = findings.filter((f) => f.blocking);
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  const listed = blocking.slice(0, maxListed).map((f) => describe(f, byPath));
  const more = blocking.length - listed.length;
  return [
    `Your answer did not pass validation. Fix these findings (${blocking.length}):`,
    '',
    ...listed,
    ...(more > 0 ? [`- … and ${more} more finding(s) of the same kinds.`] : []),
    '',
    'Answer again with the COMPLETE content of every file (its path on its own line, then a fenced code block).',
    'Change only what the findings require; keep everything that already works.',
  ].join('\n');
}

/** Sent once when an answer had no code block at all. */
export function noCodeMessage(): string {
  return [
    'Your answer contained no code. Answer with the code itself:',
    'each file as its path on its own line, followed by a fenced code block with the complete file content.',
  ].join('\n');
}

/** Appended to the prompt when tests are wanted and the template does not ask for them. */
export function testsInstruction(targetFile: string | undefined): string {
  const test = targetFile
    ? `\`${targetFile.replace(/(\.[cm]?[jt]sx?)$/i, '.test$1')}\``
    : 'a `*.test.ts` file next to the code';
  return [
    '',
    `Also write tests: ${test} that imports the implementation with a relative import and checks its behaviour with console.assert (or node:assert).`,
    'The tests run as a plain script, not under a test framework: no describe/it, no vitest or jest imports.',
  ].join('\n');
}
