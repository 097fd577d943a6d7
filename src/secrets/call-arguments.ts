import {
  genericMatch,
  keyQualifies,
  qualifies,
  scanPattern,
  secretWord,
} from './generic-assignments.js';
import type { RawMatch } from './types.js';

/**
 * Secrets passed as literal arguments rather than assigned: a setter or builder named for the
 * secret (`ds.setPassword("…")`, `.withApiKey("…")`, `.password("…")`), and a user/password
 * pair given to a login or basic-auth call (`client.login("bot", "…")`,
 * `auth=("admin", "…")`, `HTTPBasicAuth("u", "…")`, `.auth("u", "…")`), and a PHP constant
 * named for one (`define('DB_PASSWORD', '…')`), and a JWT signing key. The value must pass the
 * generic rule's tests (no template, reference, word or low-entropy stand-in).
 */

const LITERAL = `(?<q>['"])(?<value>[^'"\\n\\\\]{4,512})\\k<q>`;

/** A call with one string literal: `("…")`; the callee's name is read back from the `(`. */
const oneLiteralCall = new RegExp(`\\(\\s*${LITERAL}\\s*\\)`, 'gd');
const calleeAtEnd = /(?<![\w$])([A-Za-z_]\w{0,40})\s*$/;
const setterName = new RegExp(`^(?:(?:set|with|use|update)[A-Za-z_]{0,20}?)?${secretWord}$`, 'i');

/**
 * Setters and builders named for the secret. Searched from the literal call back to the name:
 * a pattern that starts with the name tries every identifier in the text (twice as slow).
 */
function scanSetters(text: string, out: RawMatch[]): void {
  for (const match of text.matchAll(oneLiteralCall)) {
    const from = Math.max(0, match.index - 64);
    const callee = calleeAtEnd.exec(text.slice(from, match.index));
    const name = callee?.[1];
    if (!name || (callee.index === 0 && from > 0)) continue; // no name, or cut off
    if (setterName.test(name)) accept(name, match, out);
  }
}

const userPasswordCall = new RegExp(
  `(?<![\\w$])(?:login|logIn|signIn|authenticate|auth|HTTPBasicAuth|HTTPDigestAuth|BasicAuth)` +
    `\\s*(?:=\\s*)?\\(\\s*(?<u>['"])[^'"\\n\\\\]{1,128}\\k<u>\\s*,\\s*${LITERAL}\\s*[,)]`,
  'gd',
);

/**
 * A JWT signing key given as a literal: `jwt.sign(payload, '…')` (Node), `jwt.encode(payload,
 * "…")` (PyJWT), `JWT.encode(payload, '…', 'HS256')` (Ruby), Go's `SignedString([]byte("…"))`.
 */
const jwtSigningKey = new RegExp(
  `(?<![\\w$])(?:(?:jwt|JWT|jws|jose)\\.(?:sign|encode)\\s*\\(\\s*[^,()\\n]{1,120},\\s*|SignedString\\(\\s*\\[\\]byte\\(\\s*)${LITERAL}`,
  'gd',
);

/** PHP's `define('DB_PASSWORD', '…')`: the first argument names the constant. */
const phpDefine = new RegExp(
  `(?<![\\w$])define\\s*\\(\\s*(?<n>['"])(?<key>[A-Za-z_][\\w.-]{0,60})\\k<n>\\s*,\\s*${LITERAL}\\s*\\)`,
  'gid',
);

/** What `userPasswordCall`'s names contain (`uth`: auth, Auth, authenticate). */
const loginWords = ['login', 'logIn', 'signIn', 'uth'];

function accept(name: string, match: RegExpMatchArray, out: RawMatch[]): void {
  const value = match.groups?.value ?? '';
  const span = match.indices?.groups?.value;
  if (!span || !keyQualifies(name) || !qualifies(name, value)) return;
  out.push(genericMatch(name, value, span));
}

/** Literal secrets given to setters, builders and login calls. */
export function scanCallArguments(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  scanSetters(text, out);
  // literal pre-filters: these patterns would otherwise be tried at every word
  if (loginWords.some((word) => text.includes(word))) {
    scanPattern(userPasswordCall, text, out, () => 'password');
  }
  if (text.includes('define')) scanPattern(phpDefine, text, out);
  if (/jwt|JWT|jws|jose|SignedString/.test(text))
    scanPattern(jwtSigningKey, text, out, () => 'jwt_secret');
  return out;
}
