/**
 * Values stored base64-encoded (Kubernetes `data:`, Basic auth, `.npmrc` `_auth`): when a value
 * decodes to printable text, that text is the credential and is what to judge. A random token
 * is valid base64 too, but decodes to bytes that are almost never all printable.
 */
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The printable text a base64 value encodes, or undefined when it encodes binary (or is not base64). */
export function decodedText(value: string): string | undefined {
  if (value.length < 8 || !base64.test(value)) return undefined;
  const text = Buffer.from(value, 'base64')
    .toString('latin1')
    .replace(/\r?\n$/, '');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}
