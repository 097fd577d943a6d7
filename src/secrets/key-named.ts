import { declaresPublic, shannonEntropy } from './allow-list.js';
import {
  bareIsCode,
  bareValueContext,
  genericMatch,
  lineStarts,
  qualifies,
} from './generic-assignments.js';
import type { RawMatch } from './types.js';

/**
 * Values named by a `…_key` / `…Key` name: `LICENSE_KEY=…`, `masterKey: "…"`, `app-key`.
 * "key" alone names much that is no secret (cache, sort, partition, object and React keys,
 * translation ids), so the generic rule's names leave it out. Here it counts only after
 * another word that does not say which of those it is, and only for a value that is long
 * and random: 20 characters or more, letters and digits, a Shannon entropy of 3.5 bits or
 * more (gitleaks' floor for its generic rule), and every check a generic value passes
 * (placeholders, code, templates, digests and identifiers).
 */
const keyAssigned =
  /(?:[_.-](?:key|KEY|Key)|[a-z0-9]Key)(?![\w-])(?:\\?['"`])?\]?[ \t]*(?<op>:=|=>|\?\?=|\|\|=|=|:)[ \t]*/g;
/** The value after the operator, read only where the name qualifies (sticky: at that index). */
const quotedValue = /\\?(?<q>['"`])(?<value>[^'"`\n\\]{20,512})\\?\k<q>/dy;
const bareValue = /(?<value>[^\s'"`\\]{20,512}?)(?=[,;]?(?:\s|$))/dy;
const nameChar = /[\w.-]/;

/**
 * The name that ends where the `key` word's match starts plus its own few characters, read
 * backwards (the pattern starts at `key`, not at every letter, which cost 8 % of the whole
 * detector): up to 40 name characters, starting with a letter, not glued to a `$`.
 */
function nameAt(
  text: string,
  start: number,
  keyEnd: number,
): { name: string; from: number } | undefined {
  let from = start;
  while (from > 0 && start - from < 40 && nameChar.test(text[from - 1] ?? '')) from--;
  if (from > 0 && /[\w.$-]/.test(text[from - 1] ?? '')) return undefined;
  const name = text.slice(from, keyEnd);
  return /^[A-Za-z]/.test(name) ? { name, from } : undefined;
}

/** The word before `key` says the key indexes, orders, labels or is public, not that it unlocks. */
const notSecretKind =
  /(?:^|[_.-])(?:cache|primary|foreign|sort|partition|range|row|column|field|idempotency|dedupe?|lookup|index|map|dict|hash|object|s3|bucket|storage|file|path|i18n|translation|locale|message|label|hot|short|react|list|item|group|query|route|state|store|config|setting|env|registry|site|public|publishable|widget|tracking|analytics|sequence|cursor|pagination|next|id|result|limit|output|input|name|type)$/i;

/** The name minus its `key` word, in snake case: `masterKey` → `master`, `LICENSE_KEY` → `LICENSE`. */
function wordsBefore(key: string): string {
  const last = key.split('.').at(-1) ?? key;
  return last.replace(/[_.-]?key$/i, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

function nameQualifies(key: string): boolean {
  const before = wordsBefore(key);
  return before !== '' && !notSecretKind.test(before) && !declaresPublic(key);
}

/** `arn:aws:kms:…`, `urn:…`, `https://…`: a resource's name, not key material (`base64:` is a key's encoding). */
const namesResource = /^(?!base64:)[A-Za-z][\w+.-]*:/;
/** `Ipv6CidrAssociations`, `S3AccessPointAttachments`: words run together, an identifier. */
const camelWords = /^[A-Z]?[a-z0-9]+(?:[A-Z][a-z0-9]+){2,}$/;
/** `first_set_max_id`: a snake-case name inside the value, so code or a reference. */
const snakeName = /[a-z]{3,}_[a-z]{2,}_[a-z]{2,}/;

function valueQualifies(key: string, value: string): boolean {
  const material = value.replace(/^base64:/, '');
  if (!/[0-9]/.test(material) || !/[A-Za-z]/.test(material)) return false;
  if (namesResource.test(value) || camelWords.test(material) || snakeName.test(material))
    return false;
  return shannonEntropy(material) >= 3.5 && qualifies(key, material);
}

/** The value at `at`, quoted or bare, with its span. */
function valueAt(
  pattern: RegExp,
  text: string,
  at: number,
): { value: string; span: [number, number] } | undefined {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  const span = match?.indices?.groups?.value;
  return match && span ? { value: match.groups?.value ?? '', span } : undefined;
}

/** Finds long random values assigned to `<word>_key` names (see above). */
export function scanKeyNamed(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  if (!/key/i.test(text)) return out;
  const lineStart = lineStarts(text);
  for (const match of text.matchAll(keyAssigned)) {
    const keyWord = /^[_.-]?[A-Za-z0-9]?[kK][eE][yY]/.exec(match[0])?.[0].length ?? 0;
    const named = nameAt(text, match.index, match.index + keyWord);
    if (named === undefined || !nameQualifies(named.name)) continue;
    const at = match.index + match[0].length;
    let found = valueAt(quotedValue, text, at);
    if (found === undefined) {
      if (/['"`\\!]/.test(text[at] ?? '')) continue; // an unreadable quote, or a YAML tag
      const before = text.slice(lineStart(named.from), named.from);
      if (!bareValueContext(before)) continue;
      found = valueAt(bareValue, text, at);
      if (found === undefined || bareIsCode(found.value)) continue;
    }
    if (!valueQualifies(named.name, found.value)) continue;
    out.push({ ...genericMatch(named.name, found.value, found.span), rule: 'generic-api-key' });
  }
  return out;
}
