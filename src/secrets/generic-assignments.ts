import {
  declaresPublic,
  isCommonWord,
  isPasswordHash,
  isExampleJwt,
  isIdentifierOrDigest,
  isUrn,
  isPlaceholder,
  looksLikeCode,
  shannonEntropy,
} from './allow-list.js';
import { decodedText } from './base64-text.js';
import { basicAccepted } from './credential-checks.js';
import { isPeriodic, isRunHeavy, isWordLike } from './token-shape.js';
import type { RawMatch } from './types.js';

/**
 * Secrets without a provider format: literal values assigned to names such as
 * `password`, `apiKey`, `client_secret`, `token` in code, YAML, JSON, .env or
 * INI, plus `Authorization: Bearer …` headers. A value must be long and random
 * enough (Shannon entropy) and not a placeholder, template, reference or digest.
 */

// `auth` but not `author`, `authority`, `authorized`, `authenticated` (`authorization` stays)
const longSecretWord =
  '(?:passw(?:or)?d|pwd|passphrase|secret(?:[_-]?key)?|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth(?!or(?!i[sz]ation)|ent))';
/** `pass` and `pw` as words of a name (`SMTP_PASS`, `ldap_bind_pw`), not inside one (`bypass`). */
const shortPasswordWord = '(?<![a-z])(?:pass|pw)(?![a-z])';
export const secretWord = `(?:${longSecretWord}|${shortPasswordWord})`;

// Quotes may be escaped (`\"password\":\"…\"`: JSON inside a JSON string, as tool-call
// arguments and logs carry it). A name after `::` is part of a type's path
// (`AWS::SecretsManager::Secret`), not a variable.
const assignment = new RegExp(
  `(?<![\\w-]|::)(?<key>(?:[A-Za-z_][\\w.-]{0,40}?)?${secretWord}[\\w-]{0,30})(?:\\\\?['"\`])?\\]?` +
    `[ \\t]*(?<op>:=|=>|==|=|:)[ \\t]*` +
    `(?:[bBrRuU]?\\\\?(?<q>['"\`])(?<quoted>[^'"\`\\n\\\\]{4,512})\\\\?\\k<q>|(?<bare>[^\\s'"\`\\\\]{6,512}?)(?=[,;]?(?:\\s|$|\\\\[nrt"'\`])))`,
  'gid',
);

/**
 * Names and values written other than as an assignment: a command-line option
 * (`--db-password=…`, `--api-key …`, `-Dkeystore.password=…`), an XML element (`<password>…</password>`, Maven's
 * settings.xml), a key/value pair of XML attributes (`<add key="ApiKey" value="…"/>`, Spring
 * and Ant `<property name="…" value="…"/>`), a YAML or JSON name/value pair and a `.netrc` entry.
 */
const pairs: readonly RegExp[] = [
  new RegExp(
    `-(?<=(?:^|[\\s'"\`(])-)-?(?<key>(?:[a-z][\\w-]{0,30}-)?${secretWord})(?![\\w-])(?:=|[ \\t]+)` +
      `(?:(?<q>['"])(?<value>[^'"\\n]{4,256})\\k<q>|(?!-)(?<bare>[^\\s'"\`\\\\|;&)]{4,256})(?=[\\s'"\`\\\\|;&)]|$))`,
    'gid',
  ),
  // A Java system property on a command line: `-Djavax.net.ssl.keyStorePassword=…`.
  new RegExp(
    `-D(?<=(?:^|[\\s'"\`])-D)(?<key>[\\w.-]{0,60}${secretWord}[\\w.-]{0,30})=` +
      `(?:(?<q>['"])(?<value>[^'"\\n]{4,256})\\k<q>|(?<bare>[^\\s'"\`\\\\|;&)]{4,256})(?=[\\s'"\`\\\\|;&)]|$))`,
    'gid',
  ),
  new RegExp(`<(?<key>[\\w.-]*${secretWord}[\\w.-]*)>(?<value>[^<>\\s]{4,256})</\\k<key>>`, 'gid'),
  // Java's XML properties: `<entry key="db.password">…</entry>`.
  new RegExp(
    `<entry[ \\t]+key="(?<key>[\\w.-]{0,40}${secretWord}[\\w.-]{0,20})"[ \\t]*>(?<value>[^<>\\s]{4,256})</entry>`,
    'gid',
  ),
  // A name/value pair in YAML or JSON: a container's env (`- name: DB_PASSWORD` / `value: …`),
  // an ECS task definition (`{"name": "API_TOKEN", "value": "…"}`).
  new RegExp(
    `\\bname["']?[ \\t]*:[ \\t]*["']?(?<key>[\\w.-]{0,40}${secretWord}[\\w.-]{0,20})["']?[ \\t]*(?:,[ \\t]*|\\n[ \\t]*)["']?value["']?[ \\t]*:[ \\t]*` +
      `(?:(?<q>["'])(?<value>[^"'\\n]{4,512})\\k<q>|(?<bare>[^\\s"'\`,}]{6,512})(?=[ \\t]*(?:$|[,}#])))`,
    'gidm',
  ),
  // A URL's query parameter: `?access_token=…`, `&api_key=…` (keyQualifies wants the secret
  // word; in the pattern it made every `&&` and `?:` of minified code a search).
  new RegExp(`[?&](?<key>[\\w.-]{1,60})=(?<query>[^&#\\s'"\`<>]{8,512})(?=[&#\\s'"\`<>]|$)`, 'gid'),
  // .netrc: `machine <host> login <user> password <password>`.
  /\bmachine[ \t]+\S{1,256}(?:\s+(?:login|account)[ \t]+\S{1,256}){0,2}\s+(?<key>password)[ \t]+(?<bare>\S{4,256})/dg,
  new RegExp(
    `\\b(?:key|name)[ \\t]*=[ \\t]*"(?<key>[^"\\n]{0,40}${secretWord}[^"\\n]{0,20})"[ \\t]+value[ \\t]*=[ \\t]*"(?<value>[^"\\n]{4,512})"`,
    'gid',
  ),
];

/** The generic rule's finding: `value` at `span`, named by its key. */
export function genericMatch(key: string, value: string, span: [number, number]): RawMatch {
  return {
    rule: ruleFor(key),
    start: span[0],
    end: span[1],
    secret: value,
    severity: 'high',
    source: 'generic',
  };
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * SQL: `IDENTIFIED BY '…'`, `[WITH] PASSWORD '…'` (MySQL, PostgreSQL, Oracle, Snowflake), in
 * upper case or as `identified by` / `with password`: a lower-case `password = '…'` is code.
 * Run only on texts that hold one of those words.
 */
const sqlPassword =
  /\b(?<key>IDENTIFIED BY|identified by|PASSWORD|with password)[ \t]*=?[ \t]*(?<q>')(?<value>[^'\n]{4,256})'/dg;
/** `includes`, not a regex of alternatives: that scan alone cost 6 % of the generic rule. */
const sqlWords = ['IDENTIFIED', 'PASSWORD', 'identified by', 'with password'];

/** One pattern's name/value matches; `keyOf` names the value where the match's key does not. */
export function scanPattern(
  pattern: RegExp,
  text: string,
  out: RawMatch[],
  keyOf = (k: string) => k,
) {
  for (const match of text.matchAll(pattern)) {
    const key = keyOf(match.groups?.key ?? '');
    const { value, query, bare } = match.groups ?? {};
    const found = value ?? query ?? bare ?? '';
    const group = value !== undefined ? 'value' : query !== undefined ? 'query' : 'bare';
    const span = match.indices?.groups?.[group];
    if (!span || !keyQualifies(key) || !qualifies(key, found)) continue;
    // In a URL a UUID is an id (`&token=<uuid>`, a file link's download token); hex stays a key.
    if (query !== undefined && uuidShape.test(query)) continue;
    out.push(genericMatch(key, found, span));
  }
}

function scanPairs(text: string, out: RawMatch[]): void {
  for (const pattern of pairs) scanPattern(pattern, text, out);
  // SQL's clause names no secret word; what it sets is a password
  if (sqlWords.some((word) => text.includes(word)))
    scanPattern(sqlPassword, text, out, () => 'password');
}

const bearer =
  /\b(?:Authorization|authorization)['"]?\s*[:=]\s*['"]?(?<scheme>[Bb]earer|[Tt]oken|Basic)\s+(?<value>[A-Za-z0-9_\-.=~+/]{16,})/dg;

/** Names that hold metadata about a secret rather than the secret itself. */
const notSecretKey =
  /(?:count|len|length|type|url|uri|endpoint|name|id|file|path|dir|hash|hashed|digest|sha|limit|max|min|size|prefix|suffix|field|header|param|env|var|ttl|expiry|expires|expiration|policy|pattern|regex|label|hint|error|message|validator|format|version|ref|arn|provider|store|manager|usage|encoding|tokens|tokenizer|source|(?<!pas)s)$/i;
const notSecretPrefix =
  /^(?:max|num|min|public|publishable|is|has|use|enable|show|confirm|new|old|reset|forgot|csrf|xsrf|authenticity|page|next|continuation|sync|resume)[_-]?/i;
const passwordKey = /passw(?:or)?d|pwd|passphrase|[a-z0-9][_.-](?:pass|pw)$/i;
const endsWithSecretWord = new RegExp(`${secretWord}$`, 'i');
/**
 * What may stand before a bare (unquoted) value on its line: a name alone, `export`, a list
 * dash, `set`, a Dockerfile's `ENV` or `ARG`.
 */
const bareLinePrefix = /^[ \t]*(?:export[ \t]+|-[ \t]+|set[ \t]+|(?:ENV|ARG)[ \t]+)?['"]?$/;
/** `.npmrc` scopes a token to a registry: `//registry.example.org/:_authToken=…`. */
const npmrcScope = /^[ \t]*\/\/\S*:$/;

/** A bare value stands alone on its line, follows a command-line `--` option or an `.npmrc` scope. */
export function bareValueContext(before: string): boolean {
  // endsWith, not an unanchored `--$` alternative: that scans the whole line on every match
  return before.endsWith('--') || bareLinePrefix.test(before) || npmrcScope.test(before);
}

const namesLongSecret = new RegExp(longSecretWord, 'i');
/**
 * Named by `pass`/`pw` alone, the name must end with it after another word: `SMTP_PASS`,
 * `ldap_bind_pw`; not `pass` (a test's verdict), `pass_through`.
 */
const endsWithShortPassword = /[a-z0-9][_.-](?:pass|pw)$/i;

/**
 * Tokens that identify a request, a page or a version rather than grant access: idempotency
 * (`ClientToken`, `ClientRequestToken`), pagination (`NextToken`, `output_token`), optimistic
 * concurrency (`ChangeToken`, `PolicyUpdateToken`, `LockToken`), AWS lifecycle hooks
 * (`LifecycleActionToken`), a DNS verification record's value (`VerificationToken`).
 */
const notCredentialToken =
  /(?:client|request|change|update|action|output|input|starting|idempotency|continuation|next|page|pagination|sync|cursor|lock|verification)[_-]?token$/i;

export function keyQualifies(key: string): boolean {
  const last = key.split('.').at(-1) ?? key;
  if (!namesLongSecret.test(key) && !endsWithShortPassword.test(last)) return false;
  if (notCredentialToken.test(last)) return false;
  return !notSecretKey.test(last) && !notSecretPrefix.test(last) && !declaresPublic(key);
}

/** Words that say a value is a slot to fill in: `your`, `here`, `replace`, `key`, `value`. */
const slotWord = new RegExp(
  `${secretWord}|\\b(?:your|my|here|replace|change|enter|insert|put|key|value|example|sample|dummy|fake)(?![a-z])`,
  'i',
);

/** Words standing in for a credential: `YOUR_API_TOKEN_HERE`, `my_secure_password`, `apiKeyValue`. */
function isWordStandIn(key: string, value: string): boolean {
  // `?InterpolationInJSX`, `<AccessTokenGoesHere>`: punctuation around words is still words
  if (!isWordLike(value.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''))) return false;
  // A password may be a passphrase, but not a short one, one repeating a word, or one naming a
  // slot (`db_password_here`).
  if (!passwordKey.test(key) || value.length < 16) return true;
  const words = value.toLowerCase().split(/[_-]+/);
  return new Set(words).size < words.length || slotWord.test(words.join(' '));
}

/**
 * A value that itself says password, secret, token or auth describes a credential, or is
 * a stand-in for one (`dbpassword`, `user:password`, `personal-access-token123`,
 * `AuthenticationMD5Password`, `[type=password]`): random key material almost never
 * spells one of these words (about 1 in 10^5 for a 40-character value).
 */
const spellsCredential =
  /pas+w(?:or)?d|passphrase|secret|token|auth|credential|api[_-]?key|access[_-]?key|private[_-]?key/i;

/** An unquoted value in code: an index, a literal, an optional chain (`tokens[i]`, `false,`). */
export function bareIsCode(value: string): boolean {
  return /[[\]{}]|\?\./.test(value) || looksLikeCode(value.replace(/[,;]$/, ''));
}

/**
 * YAML reads a plain scalar that starts with `!` as a tag (`password: !vault |`, Ansible's
 * encrypted block; `!env_var DB_PASSWORD`, `!Ref DbPassword`): a type or a lookup, not the value.
 */
function isYamlTag(op: string | undefined, bare: string | undefined): boolean {
  return op === ':' && bare !== undefined && bare.startsWith('!');
}

const isoTimestamp =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function valueQualifies(key: string, value: string): boolean {
  if (/\s/.test(value) || /^\d+$/.test(value) || isCommonWord(value)) return false;
  if (isoTimestamp.test(value)) return false; // `"PasswordLastUsed": "2016-09-08T21:47:36Z"`
  // Two letters of another script in a row are prose (`"pass": "要素はフォーカス可能です"`).
  if (/[^\p{ASCII}]{2}/u.test(value)) return false;
  if (spellsCredential.test(value)) return false;
  if (isPlaceholder(value) || looksLikeCode(value) || isWordStandIn(key, value)) return false;
  if (isPasswordHash(value)) return false;
  // Typed to fill a length: `abcabcabc…`, `aaaa1111bbbb2222…`.
  if (isPeriodic(value) || isRunHeavy(value)) return false;
  if (isUrn(value)) return false;
  if (isIdentifierOrDigest(value) && !endsWithSecretWord.test(key)) return false;
  if (passwordKey.test(key)) return value.length >= 6 && shannonEntropy(value) >= 2.3;
  return value.length >= 12 && shannonEntropy(value) >= 3.0;
}

/** Judges the text a base64 value encodes (`c2VjcmV0` is `secret`), else the value itself. */
export function qualifies(key: string, value: string): boolean {
  const text = decodedText(value);
  return text === undefined ? valueQualifies(key, value) : valueQualifies(key, text);
}

function ruleFor(key: string): string {
  if (passwordKey.test(key)) return 'generic-password';
  if (/api[_-]?key|apikey/i.test(key)) return 'generic-api-key';
  if (/token/i.test(key)) return 'generic-token';
  return 'generic-secret';
}

/**
 * Where the line holding `index` starts, for offsets that only increase (matches in
 * order): each newline is found once, so a long line with many matches stays linear
 * (looking back from every match was quadratic: 100 KB of `password: ` took 0.6 s).
 */
export function lineStarts(text: string): (index: number) => number {
  let start = 0;
  let next = text.indexOf('\n');
  return (index) => {
    while (next !== -1 && next < index) {
      start = next + 1;
      next = text.indexOf('\n', start);
    }
    return start;
  };
}

function scanAssignments(text: string, out: RawMatch[]): void {
  const lineStart = lineStarts(text);
  for (const match of text.matchAll(assignment)) {
    const groups = match.groups ?? {};
    const key = groups.key ?? '';
    const quoted = groups.quoted;
    const value = quoted ?? groups.bare ?? '';
    const span = match.indices?.groups?.[quoted === undefined ? 'bare' : 'quoted'];
    if (!span || !keyQualifies(key) || isYamlTag(groups.op, groups.bare)) continue;
    if (quoted === undefined) {
      const before = text.slice(lineStart(match.index), match.index);
      if (!bareValueContext(before) || bareIsCode(value)) continue;
      // an object's attribute set from a name: `self._passphrase_userdata = userdata`
      if (/^(?:self|this|cls)\./.test(key)) continue;
    }
    if (!qualifies(key, value)) continue;
    out.push(genericMatch(key, value, span));
  }
}

function scanBearer(text: string, out: RawMatch[]): void {
  for (const match of text.matchAll(bearer)) {
    const span = match.indices?.groups?.value;
    const value = match.groups?.value ?? '';
    if (!span || isPlaceholder(value) || isExampleJwt(value) || isWordLike(value)) continue;
    if (shannonEntropy(value) < 3.0) continue;
    if (match.groups?.scheme === 'Basic' && !basicAccepted(value)) continue;
    out.push({
      rule: 'authorization-header',
      start: span[0],
      end: span[1],
      secret: value,
      severity: 'high',
      source: 'generic',
    });
  }
}

/** Finds named secret assignments and authorization headers with random-looking values. */
export function scanGenericAssignments(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  scanAssignments(text, out);
  scanPairs(text, out);
  scanBearer(text, out);
  return out;
}
