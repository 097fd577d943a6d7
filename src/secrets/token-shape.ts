/**
 * Whether the random part of a token could have come from a key generator. Issued keys are
 * random draws from their alphabet; what people type in their place is not: runs of one
 * character, a handful of distinct characters, or words (`your_token_here`,
 * `listIssuesOnBoard`). Each test below fails for a random draw with negligible probability.
 */

const vowel = /[aeiouy]/i;

/** Splits on separators and on lower→upper case changes: `my_apiKeyHere` → my, api, Key, Here. */
function segments(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s_.\-~+/=]+/)
    .filter((s) => s !== '');
}

/** A word: lower case, Capitalised or all capitals (`here`, `Key`, `TOKEN`). */
const wordShape = /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)$/;

/** A word with a vowel; the last may be cut short (`…AccessHereR`), so it needs only the shape. */
function isWord(segment: string, last: boolean): boolean {
  return wordShape.test(segment) && (last || vowel.test(segment));
}

/** A short leading tag before a separator (`ghp_`, `sk-`, `hf_`) is a prefix, not a word. */
const leadingTag = /^[A-Za-z0-9]{1,5}[_-](?=.)/;

/**
 * Two or more words run together, no digit: `your_gitlab_token_here`, `ACCESS_TOKEN_GOES_HERE`,
 * `listIssuesInJiraBoardByLabel`, also after a prefix (`ghp_your_token_here`). A random draw of
 * this length has a digit, or a piece of it is not a word (no vowel, mixed case).
 */
export function isWordLike(value: string): boolean {
  const unpadded = withoutPadding(value);
  return (
    wordsOnly(unpadded) ||
    (leadingTag.test(unpadded) && wordsOnly(unpadded.replace(leadingTag, '')))
  );
}

/**
 * The value minus a trailing run of one character (four or more) that fills it out to a
 * format's length: `…ActionToken00000000` → `…ActionToken`. A random draw ends in such a run
 * rarely, and what precedes it must still be all words to count.
 */
function withoutPadding(value: string): string {
  const padded = /^(.*?[A-Za-z])(.)\2{3,}$/.exec(value);
  return padded?.[1] ?? value;
}

function wordsOnly(value: string): boolean {
  if (/\d/.test(value) || value.length < 8) return false;
  const parts = segments(value);
  if (parts.length < 2 || !parts.every((p, i) => isWord(p, i === parts.length - 1))) return false;
  return parts.reduce((n, p) => n + p.length, 0) / parts.length >= 3;
}

/**
 * One character repeated over a quarter of the value (at least six times): `AAAAAA…`,
 * `0000…`. Shorter runs occur in real base64 of binary structures (`AAAAAAAA` in key blobs).
 */
export function hasLongRun(
  value: string,
  length = Math.max(6, Math.ceil(value.length / 4)),
): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value[i] === value[i - 1] ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/** Fewer distinct characters than any random draw of this length would show. */
export function isLowVariety(value: string): boolean {
  const distinct = new Set(value).size;
  if (value.length >= 32) return distinct < 8;
  if (value.length >= 16) return distinct < 6;
  return distinct < Math.min(4, value.length);
}

/** The value is one character class over a length where a random draw mixes classes. */
export function isSingleClass(value: string): boolean {
  if (value.length < 20) return false;
  return /^[a-z]+$/.test(value) || /^[A-Z]+$/.test(value) || /^\d+$/.test(value);
}

/**
 * The value repeats a shorter unit from start to end (`0123456789abcdef0123…`, `Ab1!Ab1!…`):
 * a draw whose tail copies its head happens with probability alphabet^-(length - period).
 */
export function isPeriodic(value: string): boolean {
  if (value.length < 16) return false;
  for (let period = 1; period <= value.length / 2; period++) {
    let i = period;
    while (i < value.length && value[i] === value[i - period]) i++;
    if (i === value.length) return true;
  }
  return false;
}

/**
 * Over half the value sits in runs of three or more of one character (`aaaa1111bbbb2222…`):
 * blocks typed to fill a length. A random character starts such a run about once in 250
 * draws from 16 symbols, once in 4,000 from 64.
 */
export function isRunHeavy(value: string): boolean {
  if (value.length < 16) return false;
  let inRuns = 0;
  let run = 1;
  for (let i = 1; i <= value.length; i++) {
    if (i < value.length && value[i] === value[i - 1]) run += 1;
    else {
      if (run >= 3) inRuns += run;
      run = 1;
    }
  }
  return inRuns * 2 > value.length;
}

/** The random part of a token is not shaped like a placeholder a person typed. */
export function implausibleBody(body: string): boolean {
  return hasLongRun(body) || isLowVariety(body) || isWordLike(body) || isSingleClass(body);
}
