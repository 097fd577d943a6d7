import { isCommonWord, isExampleJwt, isPlaceholder, shannonEntropy } from './allow-list.js';
import { decodedText } from './base64-text.js';
import { isWordLike } from './token-shape.js';

/**
 * Checks for formats a pattern cannot judge alone: credentials typed by people (curl
 * `user:password`, URI passwords), key blocks and manifests. Each takes the matched secret.
 */

/** Letters only, naming what belongs there: `my_db_password`, `API-SECRET`. */
const namesCredential = /^[A-Za-z_-]*(?:passw(?:or)?d|secret|token)[A-Za-z_-]*$/i;

/** A value a person put in place of a credential: a template, a word, a sentence of words. */
function isStandIn(value: string): boolean {
  return (
    isPlaceholder(value) || isCommonWord(value) || isWordLike(value) || namesCredential.test(value)
  );
}

/** `user:password` on a curl command line: not shell variables, not two plain words. */
export function curlUserAccepted(secret: string): boolean {
  const parts = secret.split(':').filter((p) => p !== '');
  if (parts.some((p) => /^[$%{<]/.test(p) || isStandIn(p))) return false;
  return !parts.every((p) => /^[a-z]+$/i.test(p));
}

/**
 * `Basic dXNlcjpwYXNz` carries `user:pass` in base64: a pair of templates (`$USER:$PASS`) or
 * masks is a stand-in. Plain words stay a finding: a Basic header with `admin:admin` in it
 * is a working credential on the server it names.
 */
export function basicAccepted(secret: string): boolean {
  const decoded = decodedText(secret);
  if (decoded?.includes(':') !== true) return true;
  const parts = decoded.split(':').filter((p) => p !== '');
  return parts.length > 0 && !parts.some((p) => /^[$%{<]/.test(p) || isPlaceholder(p));
}

/** A header credential on a curl line: not a stand-in or sample JWT, nor a Basic pair of stand-ins. */
export function curlHeaderAccepted(secret: string, text: string, start: number): boolean {
  if (isStandIn(secret) || isExampleJwt(secret)) return false;
  // `AWS4-HMAC-SHA256 Credential=…`: a scheme name followed by its parameters.
  if (/^\s+\w+=/.test(text.slice(start + secret.length, start + secret.length + 40))) return false;
  return /Basic\s+$/i.test(text.slice(Math.max(0, start - 8), start))
    ? basicAccepted(secret)
    : true;
}

/** A password inside a connection URI that is not a placeholder or a word. */
export function uriPasswordAccepted(secret: string): boolean {
  return !isStandIn(secret) && !/^\$\(/.test(secret);
}

/** A password written out where a variable or template could stand (`$PW`, `%PW%`, `{pw}`, `<pw>`). */
export function typedPasswordAccepted(secret: string): boolean {
  return !/^[$%{<]/.test(secret) && uriPasswordAccepted(secret);
}

/**
 * A PEM block holds a key when its body is long base64 with the spread of random bytes;
 * `anything`, `...` or a sentence between the markers is a stand-in.
 */
export function keyBlockAccepted(secret: string): boolean {
  const body = secret
    .replace(/-----(?:BEGIN|END)[^-]*-----/g, '')
    .replace(/^[\w-]+:.*$/gm, '') // Proc-Type:, DEK-Info: headers
    .replace(/\\[nr]|\s/g, '');
  const base64 = body.replace(/[^A-Za-z0-9+/=]/g, '');
  if (base64.length < 40 || base64.length < body.length * 0.9) return false;
  return /[\d+/]/.test(base64) && shannonEntropy(base64) >= 4;
}

/** The YAML document (between `---` lines) around an offset. */
function yamlDocument(text: string, offset: number): string {
  const before = text.lastIndexOf('\n---', offset);
  const after = text.indexOf('\n---', offset);
  return text.slice(before < 0 ? 0 : before, after < 0 ? text.length : after);
}

/**
 * The manifest says `kind: Secret`, as YAML (also first in a list item) or JSON. Kinds are
 * case-sensitive in Kubernetes: `kind: secret` is no Secret (the API rejects it).
 */
const secretKind =
  /^[ \t]*(?:-[ \t]+)?(?:kind|'kind'):[ \t]*(?:Secret|"Secret"|'Secret')[ \t]*$|"kind"\s*:\s*"Secret"/m;

/**
 * A `data:` value of a manifest whose own kind is `Secret` (not ConfigMap, ExternalSecret…),
 * and whose decoded text, when it is text, is not a stand-in (`your-password-here`).
 */
export function kubernetesSecretAccepted(secret: string, text: string, start: number): boolean {
  if (!secretKind.test(yamlDocument(text, start))) return false;
  const decoded = decodedText(secret);
  return decoded === undefined || !isStandIn(decoded);
}

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A JOSE header is a JSON object that names its algorithm (`{"alg": …}`); anything else is not a JWT. */
function hasJoseHeader(token: string): boolean {
  const header = decodeJson(token.split('.')[0] ?? '');
  return typeof header?.['alg'] === 'string';
}

/** A JWT with a real header and claims that are not a documentation sample. */
export function jwtAccepted(secret: string): boolean {
  return hasJoseHeader(secret) && !isExampleJwt(secret);
}

/** A JWT that was base64-encoded once more (`ZXlK…` is `eyJ…` encoded). */
export function encodedJwtAccepted(secret: string): boolean {
  return jwtAccepted(Buffer.from(secret, 'base64').toString('utf8').trim());
}

/** Sentry org tokens carry their issuing org as JSON: `sntrys_<base64 {"iat":…,"region_url":…}>_<sig>`. */
export function sentryOrgTokenAccepted(secret: string): boolean {
  const payload = /^sntrys_([A-Za-z0-9+/]+={0,2})_/.exec(secret)?.[1] ?? '';
  const text = Buffer.from(payload, 'base64').toString('utf8');
  return /"iat"/.test(text) && /"region_url"/.test(text);
}

/** The line of `text` that holds offset `start`. */
function lineAt(text: string, start: number): string {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const lineEnd = text.indexOf('\n', start);
  return text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
}

/**
 * Azure's storage emulator (Azurite) has one fixed account, `devstoreaccount1`, whose key
 * Microsoft publishes for every developer: a connection string naming that account holds
 * no secret. Judged on the connection string the key sits in (its line).
 */
export function storageKeyAccepted(_secret: string, text: string, start: number): boolean {
  return !/AccountName=devstoreaccount1(?![\w-])/i.test(lineAt(text, start));
}

/** A key that names where a keyword connection string connects (ADO.NET, ODBC, libpq). */
const connectsTo =
  /(?:^|[;\s'"`])(?:server|data source|host|hostaddr|address|addr|dsn|driver)\s*=/i;

/**
 * `Server=…;User ID=…;Password=…;` (ADO.NET, ODBC) and `host=… user=… password=…` (libpq):
 * a password in a keyword connection string, when its line names a server and the value is
 * no stand-in (`{password}`, `$(DB_PASSWORD)`, `<password>`).
 */
export function keywordConnectionAccepted(secret: string, text: string, start: number): boolean {
  return connectsTo.test(lineAt(text, start)) && typedPasswordAccepted(secret);
}
