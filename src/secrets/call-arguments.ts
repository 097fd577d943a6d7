import { genericMatch, keyQualifies, qualifies, secretWord } from './generic-assignments.js';
import type { RawMatch } from './types.js';

/**
 * Secrets passed as literal arguments rather than assigned: a setter or builder named for the
 * secret (`ds.setPassword("…")`, `.withApiKey("…")`, `.password("…")`), and a user/password
 * pair given to a login or basic-auth call (`client.login("bot", "…")`,
 * `auth=("admin", "…")`, `HTTPBasicAuth("u", "…")`, `.auth("u", "…")`), and a PHP constant
 * named for one (`define('DB_PASSWORD', '…')`). The value must pass the
 * generic rule's tests (no template, reference, word or low-entropy stand-in).
 */

const LITERAL = `(?<q>['"])(?<value>[^'"\\n\\\\]{4,512})\\k<q>`;

const setter = new RegExp(
  `(?<![\\w$])(?<key>(?:(?:set|with|use|update)[A-Za-z_]{0,20}?)?${secretWord})\\s*\\(\\s*${LITERAL}\\s*\\)`,
  'gid',
);

const userPasswordCall = new RegExp(
  `(?<![\\w$])(?:login|logIn|signIn|authenticate|auth|HTTPBasicAuth|HTTPDigestAuth|BasicAuth)` +
    `\\s*(?:=\\s*)?\\(\\s*(?<u>['"])[^'"\\n\\\\]{1,128}\\k<u>\\s*,\\s*${LITERAL}\\s*[,)]`,
  'gd',
);

/** PHP's `define('DB_PASSWORD', '…')`: the first argument names the constant. */
const phpDefine = new RegExp(
  `(?<![\\w$])define\\s*\\(\\s*(?<n>['"])(?<key>[A-Za-z_][\\w.-]{0,60})\\k<n>\\s*,\\s*${LITERAL}\\s*\\)`,
  'gid',
);

function scan(pattern: RegExp, text: string, out: RawMatch[], keyOf: (key: string) => string) {
  for (const match of text.matchAll(pattern)) {
    const key = keyOf(match.groups?.key ?? '');
    const value = match.groups?.value ?? '';
    const span = match.indices?.groups?.value;
    if (!span || !keyQualifies(key) || !qualifies(key, value)) continue;
    out.push(genericMatch(key, value, span));
  }
}

/** Literal secrets given to setters, builders and login calls. */
export function scanCallArguments(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  scan(setter, text, out, (key) => key);
  scan(userPasswordCall, text, out, () => 'password');
  scan(phpDefine, text, out, (key) => key);
  return out;
}
