/**
 * Single-line vs multi-line, decided by where the cursor is: in the middle of a
 * line that has code after it, only the rest of that line is wanted; at the end of
 * a line (or on an empty one), after an opening bracket or a block colon, a block.
 */
export function currentLinePrefix(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

export function currentLineSuffix(suffix: string): string {
  const nl = suffix.indexOf('\n');
  return nl === -1 ? suffix : suffix.slice(0, nl);
}

/** Closing brackets and punctuation an editor auto-inserts after the cursor. */
const autoClosed = /^[\s)\]}>;,'"`]*$/;

export function wantsMultiline(prefix: string, suffix: string): boolean {
  if (!autoClosed.test(currentLineSuffix(suffix))) return false;
  const before = currentLinePrefix(prefix);
  if (before.trim() === '') return true;
  return /[{([:]\s*$|=>\s*$/.test(before);
}

/** Keeps the first line only (a leading newline alone does not end it). */
export function firstLineOnly(text: string): string {
  const start = text.length - text.trimStart().length;
  const leading = text.slice(0, start);
  if (leading.includes('\n')) return '';
  const nl = text.indexOf('\n', start);
  return nl === -1 ? text : text.slice(0, nl);
}
