/**
 * Client-chosen model strings are untrusted: they end up in headers, metric labels,
 * log lines and error messages. These helpers decide what may be named and how it
 * is shown, so no raw client string reaches a header (issue 9.5).
 */

/** A model id a client may name without configuring it: printable ASCII, no spaces, ≤ 256 chars. */
export const rawModelIdPattern = /^[\x21-\x7e]{1,256}$/;

const maxLabel = 256;
const headerSafePattern = /^[\x21-\x24\x26-\x7e]{1,256}$/;

/**
 * A value safe for an HTTP header and a metric label: printable ASCII kept,
 * anything else percent-encoded (UTF-8), capped at 256 characters. Configured
 * aliases are operator strings but may still hold spaces or non-Latin-1 text.
 */
export function headerSafe(value: string): string {
  if (headerSafePattern.test(value)) return value;
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    out +=
      code >= 0x21 && code <= 0x7e && char !== '%'
        ? char
        : Array.from(
            new TextEncoder().encode(char),
            (b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
          ).join('');
    if (out.length >= maxLabel) return out.slice(0, maxLabel);
  }
  return out === '' ? '-' : out;
}

/** A short, quoted, single-line preview of an untrusted string for error messages. */
export function preview(value: string, max = 80): string {
  const quoted = JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
  return value.length > max ? `${quoted} (${value.length} characters)` : quoted;
}
