import {
  curlHeaderAccepted,
  curlUserAccepted,
  encodedJwtAccepted,
  jwtAccepted,
  keywordConnectionAccepted,
  keyBlockAccepted,
  kubernetesSecretAccepted,
  uriPasswordAccepted,
} from './credential-checks.js';
import { raw, unique, type ProviderRule } from './rule-kit.js';

/** A password in a URI: `scheme://user:PASSWORD@host`. */
const PASSWORD = `(?<secret>[^\\s:/?#@'"\`]{1,256})`;
/** A credential value on a curl command line (quoted or bare). */
const CRED = `[\\w=~@.+/-]{8,}`;

/**
 * Lines a manifest's `data:` block may hold before the value found: blank lines, comments, and
 * indented entries (short ones, or ones not shaped like base64). Only indented lines, so the
 * search stays inside the block. The three kinds of line start differently, so a line can be
 * skipped one way only (overlapping ways backtrack exponentially on long blocks).
 */
const SKIPPED_LINES = `(?:\\n|#[^\\n]*\\n|[ \\t][^\\n]*\\n){0,40}?`;
/** A `data:` entry's name, bare or quoted (`password:`, `"tls.key":`, `.dockerconfigjson:`). */
const DATA_KEY = `["']?[\\w.-]+["']?`;
/** A base64 value of a `data:` entry, the whole of it. */
const DATA_VALUE = `["']?(?<secret>[A-Za-z0-9+/]{10,}={0,2})(?=["']?[ \\t]*(?:[,}#]|$))`;

/** Formats that are not one provider's: keys, tokens and credentials in URLs and commands. */
export const formatRules: readonly ProviderRule[] = [
  raw(
    'private-key',
    ['private key'],
    // the body stops at the next BEGIN: a header without its END then costs one scan to
    // the next header, not 16 KB each (a text of bare headers was 3.5 ms per KB)
    `-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:(?!-----BEGIN)[\\s\\S]){16,16384}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----`,
    { check: keyBlockAccepted },
  ),
  // PuTTY's .ppk: the base64 lines after `Private-Lines: N` are the private key.
  raw(
    'private-key',
    ['putty-user-key-file'],
    `PuTTY-User-Key-File-\\d:[^\\n]*\\n(?:[^\\n]*\\n){0,40}?Private-Lines:[ \\t]*\\d+\\r?\\n(?<secret>[A-Za-z0-9+/=]{16,64}(?:\\r?\\n[A-Za-z0-9+/=]{1,64}){0,40})`,
    { entropy: 3 },
  ),
  raw(
    'gcp-service-account-key',
    ['private_key'],
    `"private_key"\\s*:\\s*"(?<secret>-----BEGIN[A-Z ]*PRIVATE KEY-----[^"]{32,}?-----END[A-Z ]*PRIVATE KEY-----(?:\\\\n)?)"`,
    { check: keyBlockAccepted },
  ),
  unique(
    'jwt',
    ['eyj'],
    'ey[a-zA-Z0-9_-]{10,}\\.ey[a-zA-Z0-9/\\\\_-]{10,}\\.(?:[a-zA-Z0-9/\\\\_-]{10,}={0,2})?',
    { severity: 'high', entropy: 3, check: jwtAccepted },
  ),
  unique('jwt', ['zxlk'], 'ZXlK[a-zA-Z0-9+/]{40,}={0,2}', {
    severity: 'high',
    entropy: 4,
    check: encodedJwtAccepted,
  }),
  unique(
    'age-secret-key',
    ['age-secret-key-1'],
    'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
  ),
  unique(
    '1password-secret-key',
    ['a3-'],
    'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}',
    { entropy: 3.8 },
  ),
  unique('1password-service-account-token', ['ops_ey'], 'ops_eyJ[a-zA-Z0-9+/]{250,}={0,3}', {
    entropy: 4,
  }),
  raw(
    'connection-string-password',
    ['://'],
    `\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|jdbc:[a-z]+|ftp|sftp|smtps?|ldaps?|https?)://[^\\s:/?#@'"\`]*:${PASSWORD}@`,
    { check: uriPasswordAccepted },
  ),
  raw(
    'connection-string-password',
    ['password=', 'pwd=', 'password =', 'pwd ='],
    `(?<![\\w-])(?:password|pwd)[ \\t]*=[ \\t]*(?<secret>[^;\\s'"\`]{4,128})(?=;|['"\`\\s]|$)`,
    { caseInsensitive: true, entropy: 2.3, check: keywordConnectionAccepted },
  ),
  // Oracle's thin driver takes `user/password@host` (no scheme://user:pass@ form).
  raw(
    'connection-string-password',
    ['jdbc:oracle'],
    `jdbc:oracle:(?:thin|oci):[\\w.$#-]{1,64}/(?<secret>[^@\\s'"\`/]{3,128})@`,
    { check: uriPasswordAccepted },
  ),
  raw(
    'curl-auth-header',
    ['curl'],
    `\\bcurl\\b(?:[^\\n]*\\n){0,5}?[^\\n]*?\\s(?:-H|--header)(?:=|\\s{0,5})["']?(?:Authorization:\\s{0,5}(?:(?:Basic|Bearer|Token)\\s+)?|[\\w-]*(?:api-?key|token|secret)[\\w-]*:\\s{0,5})(?<secret>${CRED})`,
    { caseInsensitive: true, entropy: 2.8, check: curlHeaderAccepted },
  ),
  raw(
    'curl-auth-user',
    ['curl'],
    `\\bcurl\\b(?:[^\\n]*\\n){0,5}?[^\\n]*?\\s(?:-u|--user)(?:=|\\s{0,5})["']?(?<secret>[^\\s:"']{3,}:[^\\s"']{3,}|[^\\s:"']{3,}:(?=["'])|:[^\\s"']{3,})`,
    { entropy: 2.5, check: curlUserAccepted },
  ),
  // A Secret manifest's data, as YAML blocks, and as JSON or flow mappings (`kubectl -o json`,
  // `data: {key: value}`); the check makes sure the manifest's kind is Secret.
  raw(
    'kubernetes-secret',
    ['kind:', '"kind"'],
    `(?:^|\\n)[ \\t]*(?:data|stringData):[ \\t]*\\n${SKIPPED_LINES}[ \\t]+${DATA_KEY}:[ \\t]*${DATA_VALUE}`,
    { entropy: 3, check: kubernetesSecretAccepted },
  ),
  raw(
    'kubernetes-secret',
    ['kind:', '"kind"'],
    `["']?(?:data|stringData)["']?[ \\t]*:[ \\t]*\\{[^{}]{0,4000}?${DATA_KEY}[ \\t]*:\\s*${DATA_VALUE}`,
    { entropy: 3, check: kubernetesSecretAccepted },
  ),
  // People type these: no stricter than the generic password rule (entropy 2.3), and a value
  // that spells "password" is still a password when Terraform is handed it.
  raw(
    'terraform-password',
    ['password'],
    `(?:administrator_login_password|password)\\s*=\\s*"(?<secret>[a-z0-9=_\\-!@#$%^&*]{8,40})"`,
    { caseInsensitive: true, entropy: 2.3, paths: /\.(?:tf|tfvars|hcl)$/i },
  ),
];
