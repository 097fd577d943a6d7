/**
 * `shipgate keys create|list|revoke`: API keys for the server (docs/auth.md).
 * The key is printed once at creation; only its SHA-256 hash is stored.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { formatMicros } from '../../gateway/cost.js';
import { createApiKey, type CreateKeyInput } from '../../server/auth/create-key.js';
import { budgetPeriods } from '../../server/auth/period.js';
import { toKeyInfo, type KeyInfo } from '../../server/auth/principal.js';
import { roles } from '../../server/auth/roles.js';
import type { Store } from '../../store/store.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import { loadStore } from '../lazy.js';
import type { CliContext } from '../context.js';
import { formatOption, positiveInt } from '../options.js';
import { renderTable } from '../table.js';

type Format = 'text' | 'json';

interface CreateOptions extends CreateKeyInput {
  format: Format;
}

const NOT_SHOWN_AGAIN =
  'Copy this key now: it will not be shown again (shipgate stores only its hash).';

function positiveAmount(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError('must be a positive amount of dollars, e.g. 25 or 0.5.');
  }
  return n;
}

async function withStore<T>(ctx: CliContext, fn: (store: Store) => Promise<T>): Promise<T> {
  const { openConfiguredStore } = await loadStore();
  const store = await openConfiguredStore(ctx.config());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function budgetText(key: KeyInfo): string {
  return key.budgetMicros === null ? '-' : `${formatMicros(key.budgetMicros)}/${key.budgetPeriod}`;
}

function listText(keys: KeyInfo[]): string {
  if (keys.length === 0)
    return 'No API keys. Create one with: shipgate keys create --name NAME --role ROLE\n';
  const rows = keys.map((k) => [
    k.name,
    k.role,
    `${k.prefix}…`,
    k.rpm ?? '-',
    k.tpm ?? '-',
    budgetText(k),
    new Date(k.createdAt).toISOString().slice(0, 19) + 'Z',
    k.revokedAt === null ? 'active' : `revoked ${new Date(k.revokedAt).toISOString().slice(0, 10)}`,
  ]);
  return renderTable(['name', 'role', 'key', 'rpm', 'tpm', 'budget', 'created', 'status'], rows);
}

async function create(ctx: CliContext, opts: CreateOptions): Promise<void> {
  const input: CreateKeyInput = {
    name: opts.name,
    role: opts.role,
    rpm: opts.rpm,
    tpm: opts.tpm,
    budgetUsd: opts.budgetUsd,
    budgetPeriod: opts.budgetPeriod,
  };
  const { key, record } = await withStore(ctx, (store) =>
    createApiKey(store.keys, input, Date.now()),
  );
  ctx.stderr.write(`warning: ${NOT_SHOWN_AGAIN}\n`);
  if (opts.format === 'json') {
    ctx.stdout.write(`${JSON.stringify({ key, warning: NOT_SHOWN_AGAIN, record })}\n`);
    return;
  }
  ctx.stdout.write(
    `Created API key "${record.name}" (role ${record.role}, id ${record.id}).\n\n  ${key}\n\n` +
      `Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".\n`,
  );
}

export function registerKeysCommand(program: Command, ctx: CliContext): void {
  const keys = program
    .command('keys')
    .addHelpText(
      'after',
      examples(
        'shipgate keys create --name ci-bot --role ci',
        'shipgate keys list',
        'shipgate keys revoke ci-bot',
      ),
    )
    .description('create, list and revoke API keys for the server');

  keys
    .command('create')
    .addHelpText(
      'after',
      examples(
        'shipgate keys create --name admin --role admin',
        'shipgate keys create --name ci-bot --role ci --rpm 120 --tpm 200000 --budget-usd 25 --budget-period month',
      ),
    )
    .description('create an API key (printed once)')
    .requiredOption('--name <name>', 'unique key name (shown in usage and audit as the caller)')
    .addOption(
      new Option('--role <role>', 'what the key may do').choices(roles).makeOptionMandatory(),
    )
    .option('--rpm <n>', 'requests per minute', positiveInt('--rpm'))
    .option('--tpm <n>', 'tokens per minute', positiveInt('--tpm'))
    .option('--budget-usd <amount>', 'spend allowed per budget period, in dollars', positiveAmount)
    .addOption(new Option('--budget-period <period>', 'budget period (UTC)').choices(budgetPeriods))
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(action(ctx, (opts: CreateOptions) => create(ctx, opts)));

  keys
    .command('list')
    .addHelpText('after', examples('shipgate keys list', 'shipgate keys list --format json'))
    .description('list API keys (never the keys themselves, only their prefix)')
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, async (opts: { format: Format }) => {
        const list = (await withStore(ctx, (store) => store.keys.list())).map(toKeyInfo);
        ctx.stdout.write(
          opts.format === 'json' ? `${JSON.stringify({ keys: list })}\n` : listText(list),
        );
      }),
    );

  keys
    .command('revoke <nameOrId>')
    .addHelpText('after', examples('shipgate keys revoke ci-bot'))
    .description('revoke an API key by name or id (servers stop accepting it within seconds)')
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, async (nameOrId: string, opts: { format: Format }) => {
        const revoked = await withStore(ctx, (store) => store.keys.revoke(nameOrId));
        if (!revoked) {
          throw new ShipgateError(
            ErrorCode.NotFound,
            `no active API key named or with id "${nameOrId}" (see: shipgate keys list)`,
          );
        }
        ctx.stdout.write(
          opts.format === 'json'
            ? `${JSON.stringify({ revoked: nameOrId })}\n`
            : `Revoked API key "${nameOrId}". Running servers stop accepting it within 5 seconds.\n`,
        );
      }),
    );
}
