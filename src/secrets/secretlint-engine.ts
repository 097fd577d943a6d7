import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { Severity } from '../gates/types.js';
import type { RawMatch } from './types.js';

// Types come from @secretlint/core's own signature (@secretlint/types is not a direct dependency).
type SecretLintCoreConfig = Parameters<typeof lintSource>[0]['options']['config'];
type SecretLintCoreResultMessage = Awaited<ReturnType<typeof lintSource>>['messages'][number];

/** secretlint message ids → our rule names (others become `secretlint-<rule>`). */
const ruleNames: Readonly<Record<string, string>> = {
  AWSAccessKeyID: 'aws-access-key-id',
  AWSSecretAccessKey: 'aws-secret-access-key',
  AWSAccountID: 'aws-account-id',
  GITHUB_TOKEN: 'github-token',
  SLACK_TOKEN: 'slack-token',
  IncomingWebhook: 'slack-webhook',
  OPENAI_TOKEN: 'openai-api-key',
  ANTHROPIC_API_KEY: 'anthropic-api-key',
  NPM_ACCESS_TOKEN: 'npm-token',
  Npmrc_authToken: 'npm-token',
  SENDGRID_KEY: 'sendgrid-api-key',
  PrivateKey: 'private-key',
  PrivateKeyJSON: 'gcp-service-account-key',
  PrivateKeyP12: 'private-key',
  PostgreSQLConnection: 'connection-string-password',
  MySQLConnection: 'connection-string-password',
  MongoDBConnection: 'connection-string-password',
  BasicAuth: 'basic-auth-credentials',
  SHOPIFY_KEY: 'shopify-token',
  LINEAR_API_TOKEN: 'linear-api-key',
  OPS_TOKEN: '1password-token',
};

const lowSeverity: ReadonlySet<string> = new Set(['aws-account-id']);

function ruleName(message: SecretLintCoreResultMessage): string {
  const known = ruleNames[message.messageId];
  if (known) return known;
  return `secretlint-${message.ruleId.replace(/^@secretlint\/secretlint-rule-/, '')}`;
}

/**
 * secretlint's `range` is in UTF-16 code units, but some rules report the range of
 * the whole match rather than of the secret (the AWS secret rule includes the
 * variable name). When the message data names the secret, locate it near the range.
 */
function secretRange(text: string, message: SecretLintCoreResultMessage): [number, number] {
  const [start, end] = message.range;
  const data = message.data ?? {};
  const values = Object.values(data).filter(
    (value): value is string => typeof value === 'string' && value.length >= 8,
  );
  for (const value of values) {
    if (text.slice(start, start + value.length) === value) return [start, start + value.length];
    const near = text.indexOf(value, Math.max(0, start - 256));
    if (near >= 0 && near <= end + 256) return [near, near + value.length];
  }
  return [start, end];
}

export interface SecretlintEngine {
  scan(text: string): Promise<RawMatch[]>;
}

/** secretlint with its recommended preset; the config object is built once per engine. */
export function createSecretlintEngine(): SecretlintEngine {
  const config: SecretLintCoreConfig = {
    rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }],
  };
  return {
    async scan(text) {
      const result = await lintSource({
        source: { content: text, filePath: '/input.txt', ext: '.txt', contentType: 'text' },
        options: { config, noPhysicFilePath: true },
      });
      return result.messages.map((message): RawMatch => {
        const [start, end] = secretRange(text, message);
        const rule = ruleName(message);
        const severity: Severity = lowSeverity.has(rule) ? 'low' : 'critical';
        return { rule, start, end, secret: text.slice(start, end), severity, source: 'secretlint' };
      });
    },
  };
}
