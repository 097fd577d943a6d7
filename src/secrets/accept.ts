import {
  declaresPublic,
  hasSequence,
  isDocumentedExample,
  isMaskedOrTemplated,
  shannonEntropy,
} from './allow-list.js';
import type { ProviderRule } from './rule-kit.js';
import { implausibleBody } from './token-shape.js';

/**
 * The random part of a token: what follows the literal prefix the rule is keyed on
 * (`ghp_…` → `…`), or the whole value for formats without one; numeric id fields that open
 * it (`xoxb-<team>-<bot>-…`) are assigned, not drawn, so they are left out too.
 */
export function tokenBody(rule: ProviderRule, secret: string): string {
  const lower = secret.toLowerCase();
  let prefix = 0;
  for (const k of rule.keywords) if (k.length > prefix && lower.startsWith(k)) prefix = k.length;
  const body = secret.slice(prefix);
  const ids = /^(?:\d+-)+(?=[A-Za-z0-9])/.exec(body)?.[0] ?? '';
  return body.slice(ids.length);
}

/** Last words of a name that say its value identifies something rather than unlocking it. */
const identifierWord =
  /^(?:id|ids|uuid|guid|sha|commit|hash|digest|checksum|version|release|build|url|uri|host|endpoint|domain|name|email|region|count|length|size|type|path|file)$/i;

/** `HEROKU_APP_ID`, `sentryRelease`, `sourcegraph.commit`: the name says the value is an identifier. */
export function namesIdentifier(key: string): boolean {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[\s_.-]+/);
  return identifierWord.test(words.at(-1) ?? '');
}

/** Whether a rule's match is a real secret: not an example, placeholder, or too regular. */
export function accepts(
  rule: ProviderRule,
  secret: string,
  text: string,
  start: number,
  key = '',
): boolean {
  if (isDocumentedExample(secret)) return false;
  if (rule.loose === true && rule.idIsSecret !== true && namesIdentifier(key)) return false;
  if (rule.loose === true && declaresPublic(key)) return false;
  const body = tokenBody(rule, secret);
  // Formats random enough to need an entropy floor are judged by the shape of their body too;
  // a long literal prefix (`AGE-SECRET-KEY-1…`) vouches for the value on its own.
  const random = rule.entropy !== undefined || rule.loose === true;
  if (random && implausibleBody(body)) return false;
  // A strict format filled with `abcdef…`/`123456…` is a made-up key; a named value may be real.
  if (rule.loose !== true && hasSequence(body)) return false;
  if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
  if (rule.loose === true && isMaskedOrTemplated(secret)) return false;
  return rule.check?.(secret, text, start) ?? true;
}

/** The match runs into a mask (`xoxp-1234-####`, `AKIA****`): the rest of the value was blanked out. */
export function runsIntoMask(text: string, end: number): boolean {
  return /^[-_.:/]?(?:[#*•]{3}|[xX]{6})/.test(text.slice(end, end + 8));
}
