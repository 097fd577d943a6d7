import { raw, unique, type ProviderRule } from './rule-kit.js';

/**
 * Slack's token kinds, each with its own documented structure: numeric team, user or bot ids
 * joined by dashes, then a random part. A value with a Slack prefix but another structure
 * (`xoxb-abc-def`, `xoxp-1234-…` missing an id) is not a Slack token.
 */
export const slackRules: readonly ProviderRule[] = [
  // Bot: xoxb-<team>-<bot>-<24 random>, and the legacy xoxb-<id>-<random>.
  unique('slack-token', ['xoxb-'], 'xoxb-\\d{8,14}-(?:\\d{8,14}-)?[A-Za-z0-9]{18,34}', {
    entropy: 2.5,
  }),
  // User and enterprise: team, user (and token) ids, then the random part.
  unique('slack-token', ['xoxp-', 'xoxe-'], 'xox[pe](?:-\\d{6,14}){2,3}-[A-Za-z0-9]{24,64}', {
    entropy: 2.5,
  }),
  // Legacy (xoxs/xoxo): numeric ids, then the random part.
  unique('slack-token', ['xoxs-', 'xoxo-'], 'xox[os](?:-\\d{4,14}){2,3}-[A-Za-z0-9]{8,64}', {
    entropy: 2.5,
  }),
  // Workspace and refresh (xoxa/xoxr): optional version digit and ids, then the random part.
  unique(
    'slack-token',
    ['xoxa-', 'xoxr-'],
    'xox[ar]-(?:\\d-)?(?:\\d{4,14}-){0,3}[A-Za-z0-9]{8,48}',
    { entropy: 2.5 },
  ),
  // Configuration tokens.
  unique('slack-token', ['xoxe.xox'], 'xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{163,166}', { entropy: 3 }),
  unique('slack-token', ['xoxe-'], 'xoxe-\\d-[A-Za-z0-9]{146}', { entropy: 3 }),
  unique('slack-token', ['xapp-'], 'xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+', { caseInsensitive: true }),
  raw(
    'slack-webhook',
    ['hooks.slack.com'],
    '(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,120}',
    { severity: 'high' },
  ),
];
