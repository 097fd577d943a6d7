/**
 * What looks like a secret but is not: placeholders, templated values,
 * documented example keys, identifiers and digests. Shared by every engine.
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const templated = [
  /^<[^<>]*>$/, // <your-token>
  /^\{[^{}]*\}$/, // {SecretName}
  /\$\{[^}]*\}/, // ${API_KEY}
  /\$\([^)]*\)/, // $(cat token), $(DB_PASS)
  /#\{[^}]*\}/, // #{password} (Ruby, CoffeeScript)
  /^@[\w.-]+@$/, // @PASSWORD@ (build-time substitution)
  /^\[[\w .-]+\]$/, // [password]
  /\{\{[^}]*\}\}/, // {{ secrets.TOKEN }}
  /%\([\w-]+\)s/, // %(password)s
  /^\$[A-Z_][A-Z0-9_]*$/, // $API_KEY
  /^%[A-Z_][A-Z0-9_]*%$/, // %API_KEY%
  /\[REDACTED(?::[^\]]*)?\]/, // ours, so redacting twice changes nothing
  /(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|ENV\[|System\.getenv|env\()/,
];

const placeholderWords =
  /(?:changeme|change_me|change-me|replace[_-]?me|your[_-]?[a-z_-]*(?:key|token|secret|password|here)|placeholder|example|dummy|sample|redacted|fake|mock|lorem|ipsum|foobar|not[_-]?a[_-]?(?:real|secret)|insert[_-]|todo|fixme|test|xxxx|\*\*\*\*|\.\.\.|•••)/i;

/** Only a few distinct characters (`aaaaaaaa`, `12341234`, `xxxxxxxx-xxxx`). */
function lowVariety(value: string): boolean {
  return new Set(value.replace(/[-_.]/g, '')).size <= 3;
}

/** A run of `length` characters each one code point above the last: `abcdef`, `123456`. */
export function hasSequence(value: string, length = 6): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    run = step === 1 && /[a-z0-9]/i.test(value[i] ?? '') ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/**
 * The value is pieced together from short sequences, each at least three long: `abc123xyz456`,
 * `abcd1234`. Each piece is a character one code point above the last; a random draw of six or
 * more characters is almost never cut into such pieces only.
 */
export function isSequencePieced(value: string): boolean {
  if (value.length < 6) return false;
  let run = 1;
  for (let i = 1; i <= value.length; i++) {
    const step = i < value.length ? value.charCodeAt(i) - value.charCodeAt(i - 1) : 0;
    if (step === 1 && /[a-z0-9]/i.test(value[i] ?? '')) run += 1;
    else if (run < 3) return false;
    else run = 1;
  }
  return true;
}

/**
 * Placeholders and templated values, by shape: `changeme`, `<token>`, `${X}`, `{X}`,
 * `process.env.X`, `****`, repeated characters, alphabet or digit sequences.
 */
export function isPlaceholder(value: string): boolean {
  return isMaskedOrTemplated(value) || hasSequence(value) || isSequencePieced(value);
}

/**
 * The part of `isPlaceholder` that holds even when a provider's name vouches for the value:
 * templates, masks, placeholder words and runs of one character (but not sequences, which a
 * named credential format can legitimately start with).
 */
export function isMaskedOrTemplated(value: string): boolean {
  if (isDocumentedExample(value)) return true;
  if (templated.some((pattern) => pattern.test(value))) return true;
  if (placeholderWords.test(value)) return true;
  return lowVariety(value) || /(.)\1{7,}/.test(value);
}

/**
 * Values marked as examples even inside a strict token format: the upper-case marker `EXAMPLE`
 * (the providers' documented sample keys use it), runs of `x`/`X`/`*`/`.` standing in for
 * characters (`#` masks too), and `<…>` slots.
 */
export function isDocumentedExample(value: string): boolean {
  return /EXAMPLE|x{6,}|X{6,}|\*{4,}|#{4,}|\.{3}|•{3}|<[^<>]+>/.test(value);
}

/** A JWT whose claims are made up (`"sub": "1234567890"`): a documentation sample, not a token. */
export function isExampleJwt(token: string): boolean {
  const payload = /^eyJ[\w-]*\.(eyJ[\w-]*)/.exec(token)?.[1];
  if (payload === undefined) return false;
  const claims = Buffer.from(payload, 'base64url').toString('utf8');
  const values = claims.match(/"[^"]*"/g) ?? [];
  return values.some((v) => /^"\d+"$/.test(v) && hasSequence(v, 7));
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hexDigest =
  /^(?:sha(?:1|256|384|512)[-:])?(?:[0-9a-f]{7,12}|[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i;
const sriDigest = /^sha(?:256|384|512)-[A-Za-z0-9+/]{40,}={0,2}$/;

/** UUIDs, git SHAs, sha256 digests, SRI hashes: identifiers, not secrets, unless named as one. */
export function isIdentifierOrDigest(value: string): boolean {
  return uuid.test(value) || hexDigest.test(value) || sriDigest.test(value);
}

/**
 * A URN (RFC 8141: `urn:uuid:…`, `urn:ietf:…`, `urn:isbn:…`) names a resource; whatever the
 * name beside it says (`'Lock-Token': 'urn:uuid:…'`), it is not a credential.
 */
export function isUrn(value: string): boolean {
  return /^urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]+$/i.test(value);
}

/** A password hash in crypt/PHC form (`$2b$12$…`, `$argon2id$v=19$…`): what a server stores, not the password. */
export function isPasswordHash(value: string): boolean {
  return /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?|[156]|y|gy|7)\$/.test(value);
}

/** A name that says its value is public: `NEXT_PUBLIC_…`, `publishableKey`, `public_token`. */
export function declaresPublic(name: string): boolean {
  return /(?:^|[^a-z])public|publishable/i.test(name.replace(/([a-z])([A-Z])/g, '$1_$2'));
}

/** Leetspeak a person types for a word (`p@ssw0rd`): the word it spells. */
function unLeet(value: string): string {
  const map: Record<string, string> = {
    '0': 'o',
    '1': 'i',
    '3': 'e',
    '4': 'a',
    '5': 's',
    '@': 'a',
    $: 's',
  };
  return value.replace(/[01345@$]/g, (c) => map[c] ?? c);
}

/** Values that are words people type in examples: `password`, `admin1`, `postgres`, `p@ssw0rd`. */
export function isCommonWord(value: string): boolean {
  const word =
    /^(?:password|passwd|secret|token|apikey|api_key|pass|pwd|admin|root|user|username|guest|postgres|mysql|redis|default|none|empty|string|value|required|optional|str|int)$/i;
  const bare = value.replace(/\d{1,4}$/, ''); // `admin123`, `pass1`
  return word.test(value) || word.test(bare) || word.test(unLeet(bare));
}

/** Looks like code rather than a literal: a call, a member chain, a path, a URL without credentials. */
export function looksLikeCode(value: string): boolean {
  if (/[()]/.test(value) || /^(?:https?|file):\/\/[^:@\s]*$/.test(value)) return true;
  // a property path, with indexes too (`config.db.password`, JMESPath's `Jobs[-1].JobId`)
  if (/^[A-Za-z_$][\w$]*(?:\[-?\d+\])?(?:\.[A-Za-z_$][\w$]*(?:\[-?\d+\])?)+$/.test(value))
    return true;
  if (/^\.{0,2}\/[\w./-]+$/.test(value)) return true;
  // literals and type names (`password: bytes,` in a signature, `"type": "string"` in a schema)
  return /^(?:true|false|null|none|nil|undefined|required|optional|string|number|function|this|bytes|str|int|float|bool|boolean|dict|list|tuple|any|object|void|unknown|bigint|buffer)$/i.test(
    value,
  );
}
