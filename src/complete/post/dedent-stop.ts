/**
 * Stops a multi-line completion where it leaves the block it started in: the
 * first line indented less than the cursor's line. That line is kept only when
 * it is the block's closer (brackets the prefix opened, the suffix does not
 * already hold next) — then the completion ends right after it.
 */
import { currentLinePrefix } from './line-mode.js';

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

const closerLine = /^[)\]}]+[;,)]*$/;

export function stopAtDedent(text: string, prefix: string, suffix: string): string {
  const lines = text.split('\n');
  const cursorLine = currentLinePrefix(prefix);
  // The first line continues the cursor's line: its indentation is the cursor line's.
  const base = cursorLine.trim() === '' ? cursorLine.length : indentOf(cursorLine);
  const nextSuffix = suffix.trimStart();
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line.trim() === '' || indentOf(line) >= base) continue;
    const trimmed = line.trim();
    const keep = closerLine.test(trimmed) && !nextSuffix.startsWith(trimmed[0] as string);
    return lines.slice(0, keep ? i + 1 : i).join('\n');
  }
  return text;
}
