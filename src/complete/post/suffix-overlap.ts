/**
 * Drops text at the end of a completion that repeats the start of the suffix: the
 * model wrote past the middle into code that is already there. Matches whole
 * suffix lines (up to eight) or the rest of the cursor's line; overlaps made of
 * closing brackets only are left to the bracket balance, which can tell them apart.
 */
const onlyClosers = /^[\s)\]};,]*$/;

function cutAt(text: string, at: number, suffix: string): string {
  const kept = text.slice(0, at).replace(/[ \t]+$/, '');
  return /^[ \t]*\n/.test(suffix) ? kept.replace(/\n+$/, '') : kept;
}

/** The suffix's first lines, the cursor line's remainder first. */
function leadingLines(suffix: string): string[] {
  return suffix.slice(0, 4_000).split('\n').slice(0, 9);
}

export function dropSuffixOverlap(text: string, suffix: string): string {
  const body = text.trimEnd();
  const lines = leadingLines(suffix);
  for (let j = Math.min(8, lines.length); j >= 1; j -= 1) {
    const block = lines.slice(0, j).join('\n').trim();
    if (block === '' || !body.endsWith(block)) continue;
    // A bare `)`/`]`/`}` may be the middle's own closer; `;` or `,` twice in a row never is.
    if (onlyClosers.test(block) && !/[;,]/.test(block)) continue;
    const at = body.length - block.length;
    const before = body[at - 1];
    // A block that starts a suffix line must start a completion line too (or the completion).
    const whole = lines[0]?.trim() === '';
    if (whole && at > 0 && before !== '\n' && before !== ' ' && before !== '\t') continue;
    return cutAt(body, at, suffix);
  }
  return text;
}
