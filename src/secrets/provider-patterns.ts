import type { ProviderRule } from './rule-kit.js';
import { azureRules } from './rules-azure.js';
import { cloudRules } from './rules-cloud.js';
import { commandRules } from './rules-commands.js';
import { devRules } from './rules-dev.js';
import { formatRules } from './rules-formats.js';
import { saasRules } from './rules-saas.js';
import { slackRules } from './rules-slack.js';

export type { ProviderRule } from './rule-kit.js';

/**
 * Every provider-format rule, gitleaks-style: a format, a keyword pre-filter and, for loose
 * formats, a minimum entropy. Written from the providers' documented formats; no rule quotes a
 * sample value.
 */
export const providerRules: readonly ProviderRule[] = [
  ...cloudRules,
  ...azureRules,
  ...devRules,
  ...saasRules,
  ...slackRules,
  ...formatRules,
  ...commandRules,
];
