import type { Command } from 'commander';
import { ModelRegistry, noProviderError } from '../../gateway/registry.js';
import type { ModelSpec } from '../../gateway/types.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import type { CliContext } from '../context.js';
import { formatOption } from '../options.js';
import { renderTable } from '../table.js';
import { registerModelsPull } from './models-pull.js';
import { ErrorCode, ShipgateError } from '../../errors.js';

function usd(micros: number | undefined): string {
  return micros === undefined
    ? '-'
    : `$${(micros / 1_000_000).toFixed(micros % 10_000 === 0 ? 2 : 3)}`;
}

function modelJson(spec: ModelSpec): Record<string, unknown> {
  return {
    alias: spec.alias,
    provider: spec.provider,
    model: spec.modelId,
    contextWindow: spec.contextWindow,
    capabilities: spec.capabilities,
    price: spec.price
      ? {
          inputPerMTokUsd: spec.price.inputPerMTokMicros / 1e6,
          outputPerMTokUsd: spec.price.outputPerMTokMicros / 1e6,
          cachedInputPerMTokUsd: spec.price.cachedInputPerMTokMicros / 1e6,
        }
      : null,
    costPerHourUsd: spec.costPerHourMicros === null ? null : spec.costPerHourMicros / 1e6,
    breaker: 'closed',
  };
}

function registryOf(ctx: CliContext): ModelRegistry {
  return new ModelRegistry(ctx.config());
}

export function registerModelsCommand(program: Command, ctx: CliContext): void {
  const models = program
    .command('models')
    .addHelpText('after', examples('shipgate models list', 'shipgate models info fast'))
    .description('the model registry: aliases, providers, prices, capabilities');
  models
    .command('list')
    .addHelpText('after', examples('shipgate models list', 'shipgate models list --format json'))
    .description(
      'list every model the configured providers can serve (prices in USD per 1M tokens)',
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, (opts: { format: 'text' | 'json' }) => {
        const specs = registryOf(ctx).list();
        if (opts.format === 'json')
          return void ctx.stdout.write(`${JSON.stringify({ models: specs.map(modelJson) })}\n`);
        if (specs.length === 0)
          return void ctx.stdout.write(`No models: ${noProviderError().message}\n`);
        const rows = specs.map((s) => [
          s.alias,
          s.provider,
          s.modelId,
          s.contextWindow,
          s.capabilities.join(','),
          usd(s.price?.inputPerMTokMicros),
          usd(s.price?.outputPerMTokMicros),
          usd(s.price?.cachedInputPerMTokMicros),
          'closed',
        ]);
        ctx.stdout.write(
          renderTable(
            [
              'alias',
              'provider',
              'model',
              'context',
              'capabilities',
              'in/1M',
              'out/1M',
              'cached/1M',
              'breaker',
            ],
            rows,
          ),
        );
      }),
    );
  registerModelsPull(models, ctx);
  models
    .command('info <alias>')
    .addHelpText(
      'after',
      examples(
        'shipgate models info fast',
        'shipgate models info claude-3-5-haiku-latest --format json',
      ),
    )
    .description('everything the registry knows about one model')
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, (alias: string, opts: { format: 'text' | 'json' }) => {
        const registry = registryOf(ctx);
        if (!registry.aliases().includes(alias))
          throw new ShipgateError(
            ErrorCode.ModelNotFound,
            `unknown model "${alias}"; known: ${registry.aliases().join(', ') || 'none'}`,
          );
        const info = modelJson(registry.resolve(alias));
        ctx.stdout.write(
          opts.format === 'json'
            ? `${JSON.stringify(info)}\n`
            : `${Object.entries(info)
                .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                .join('\n')}\n`,
        );
      }),
    );
}
