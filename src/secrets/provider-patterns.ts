import type { Severity } from '../gates/types.js';

/**
 * Provider-specific secret formats, one row each. When a pattern has a named
 * group `secret`, only that group is the secret (the rest is context, e.g. the
 * `AccountKey=` before an Azure key or the user name before a password).
 * Formats follow the providers' documentation and gitleaks' rule set.
 */
export interface ProviderPattern {
  rule: string;
  severity: Severity;
  /** Must carry the `g` and `d` flags (global, match indices). */
  pattern: RegExp;
}

/** Not preceded / followed by a token character: a cheap word boundary that counts `-` and `_`. */
const L = '(?<![A-Za-z0-9_\\-])';
const R = '(?![A-Za-z0-9_\\-])';
const B64R = '(?![A-Za-z0-9+/=])';
const QUOTE_OR_SEP = `['"\`]?\\s*(?:=|:=|:|=>|,)\\s*['"\`]?`;
const PASSWORD = `(?<secret>[^\\s:/?#@'"\`]{1,256})`;

function row(rule: string, severity: Severity, source: string, flags = ''): ProviderPattern {
  return { rule, severity, pattern: new RegExp(source, `gd${flags}`) };
}

export const providerPatterns: readonly ProviderPattern[] = [
  row('aws-access-key-id', 'critical', `${L}(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}${R}`),
  row(
    'aws-secret-access-key',
    'critical',
    `(?:aws|AWS|Aws)[\\w.-]{0,30}?(?:secret|SECRET|Secret)[\\w.-]{0,30}?${QUOTE_OR_SEP}(?<secret>[A-Za-z0-9/+]{40})${B64R}`,
  ),
  row(
    'aws-secret-access-key',
    'critical',
    `(?:secret_access_key|SecretAccessKey|secretAccessKey)${QUOTE_OR_SEP}(?<secret>[A-Za-z0-9/+]{40})${B64R}`,
  ),
  row('gcp-api-key', 'critical', `${L}AIza[0-9A-Za-z_\\-]{35}${R}`),
  row(
    'gcp-service-account-key',
    'critical',
    `"private_key"\\s*:\\s*"(?<secret>-----BEGIN[A-Z ]*PRIVATE KEY-----[^"]{32,}?-----END[A-Z ]*PRIVATE KEY-----(?:\\\\n)?)"`,
  ),
  row('gcp-service-account-key', 'critical', `"private_key_id"\\s*:\\s*"(?<secret>[a-f0-9]{40})"`),
  row('azure-storage-key', 'critical', `AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)`),
  row(
    'azure-storage-key',
    'critical',
    `(?:azure|AZURE|Azure)[\\w.-]{0,30}?(?:key|KEY|Key)${QUOTE_OR_SEP}(?<secret>[A-Za-z0-9+/]{86}==)`,
  ),
  row('azure-sas-token', 'high', `[?&]sig=(?<secret>[A-Za-z0-9%+/]{43,}(?:%3D|=){0,2})`),
  row('github-token', 'critical', `${L}gh[pousr]_[A-Za-z0-9]{36,251}${R}`),
  row('github-token', 'critical', `${L}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${R}`),
  row(
    'gitlab-token',
    'critical',
    `${L}gl(?:pat|dt|ptt|rt|cbt|soat|ft|imt|agent)-[A-Za-z0-9_\\-]{20,}${R}`,
  ),
  row('slack-token', 'critical', `${L}xox[baprse]-(?:[0-9]{6,}-){0,3}[A-Za-z0-9\\-]{10,250}${R}`),
  row('slack-token', 'critical', `${L}xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+${R}`),
  row(
    'slack-webhook',
    'high',
    `https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_\\-]{20,120}`,
  ),
  row('stripe-live-key', 'critical', `${L}(?:sk|rk)_live_[0-9A-Za-z]{24,247}${R}`),
  row('stripe-test-key', 'medium', `${L}(?:sk|rk)_test_[0-9A-Za-z]{24,247}${R}`),
  row('stripe-webhook-secret', 'high', `${L}whsec_[0-9A-Za-z]{32,}${R}`),
  row(
    'anthropic-api-key',
    'critical',
    `${L}sk-ant-(?:api|admin|sid)\\d{2}-[A-Za-z0-9_\\-]{80,120}${R}`,
  ),
  row(
    'openai-api-key',
    'critical',
    `${L}sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\\-]{40,200}${R}`,
  ),
  row('openai-api-key', 'critical', `${L}sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}${R}`),
  row('openai-api-key', 'critical', `${L}sk-[A-Za-z0-9]{48}${R}`),
  row('npm-token', 'critical', `${L}npm_[A-Za-z0-9]{36}${R}`),
  row('sendgrid-api-key', 'critical', `${L}SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}${R}`),
  row('twilio-api-key', 'critical', `${L}SK[0-9a-fA-F]{32}${R}`),
  row(
    'twilio-auth-token',
    'critical',
    `(?:twilio|TWILIO|Twilio)[\\w.-]{0,20}?(?:auth|AUTH|Auth|token|TOKEN|Token|secret|SECRET)[\\w.-]{0,20}?${QUOTE_OR_SEP}(?<secret>[a-f0-9]{32})${R}`,
  ),
  row(
    'private-key',
    'critical',
    `-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]{16,16384}?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----`,
  ),
  row(
    'jwt',
    'high',
    `${L}eyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{16,}${R}`,
  ),
  row(
    'connection-string-password',
    'critical',
    `\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|jdbc:[a-z]+|ftp|sftp|smtps?|ldaps?)://[^\\s:/?#@'"\`]*:${PASSWORD}@`,
  ),
];
