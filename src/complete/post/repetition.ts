/**
 * Cuts degenerate repetition, the commonest failure of small models: the same
 * line (or block of up to three lines) again and again, or a short run of text
 * looping within a line. The first occurrence is kept.
 */
function trivial(line: string): boolean {
  const t = line.trim();
  return t.length < 4 || /^[\s)\]};,]*$/.test(t);
}

function sameBlock(lines: string[], at: number, size: number): boolean {
  for (let k = 0; k < size; k += 1) {
    if (lines[at + k] !== lines[at - size + k]) return false;
  }
  return true;
}

/** Index of the line where a block of `size` lines starts repeating twice more, or -1. */
function repeatedBlockAt(lines: string[], size: number): number {
  for (let i = size; i + 2 * size <= lines.length; i += 1) {
    const block = lines.slice(i - size, i);
    if (block.every(trivial)) continue;
    if (sameBlock(lines, i, size) && sameBlock(lines, i + size, size)) return i;
  }
  return -1;
}

export function cutRepetition(text: string): string {
  const lines = text.split('\n');
  let cut = lines.length;
  for (let size = 1; size <= 3; size += 1) {
    const at = repeatedBlockAt(lines, size);
    if (at !== -1 && at < cut) cut = at;
  }
  const kept = cut < lines.length ? lines.slice(0, cut).join('\n') : text;
  const loop = /([^\n]{3,40}?)\1{3,}/.exec(kept.slice(0, 4_000));
  const unit = loop?.[1];
  if (!loop || !unit || !/[A-Za-z]/.test(unit)) return kept;
  return kept.slice(0, loop.index + unit.length);
}
