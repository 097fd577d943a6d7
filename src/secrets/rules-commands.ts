import { shannonEntropy } from './allow-list.js';
import { typedPasswordAccepted } from './credential-checks.js';
import { raw, type ProviderRule } from './rule-kit.js';

/**
 * Passwords given to well-known tools on their command lines, by the short options those
 * tools document (the long `--password …` forms are the generic rule's): `docker login -p`,
 * `mysql -p<password>` (glued: a space after `-p` makes mysql prompt), `sshpass -p`,
 * `redis-cli -a`. Each ends where a shell word ends.
 */

/** A shell word: bare (up to whitespace or a shell operator), or anything inside quotes. */
const WORD = `(?<q>['"]?)(?<secret>(?<=['"])[^'"\\n]{4,256}|[^\\s'"\`|;&<>()]{4,256})\\k<q>(?=[\\s|;&)]|$)`;
/** Options and arguments before the one we want, on the same line. */
const BEFORE = `(?:[ \\t]+[^\\s|;&]+){0,12}?`;

/** Not a variable, a substitution, a stand-in or a word a person typed for a slot. */
function commandPasswordAccepted(secret: string): boolean {
  return typedPasswordAccepted(secret) && shannonEntropy(secret) >= 2.3;
}

function command(rule: string, keywords: readonly string[], source: string): ProviderRule {
  return raw(rule, keywords, source, { severity: 'high', check: commandPasswordAccepted });
}

export const commandRules: readonly ProviderRule[] = [
  command(
    'registry-login-password',
    [' -p '], // not `login`: keywords are found one occurrence at a time, and code says login a lot
    `\\b(?:docker|podman|buildah|skopeo|nerdctl|helm registry)[ \\t]+login${BEFORE}[ \\t]+-p[ \\t]+${WORD}`,
  ),
  command(
    'mysql-password',
    ['mysql', 'mariadb'],
    `\\b(?:mysql|mariadb)[\\w-]*${BEFORE}[ \\t]+-p${WORD}`,
  ),
  command('sshpass-password', ['sshpass'], `\\bsshpass${BEFORE}[ \\t]+-p[ \\t]*${WORD}`),
  command('redis-cli-password', ['redis-cli'], `\\bredis-cli${BEFORE}[ \\t]+-a[ \\t]+${WORD}`),
];
