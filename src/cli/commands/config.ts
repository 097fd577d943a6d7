import { z } from 'zod';
import type { Command } from 'commander';
import { configSchema } from '../../config/schema.js';
import { loadConfig } from '../../config/load.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import { formatOption } from '../options.js';
import type { CliContext } from '../context.js';

/** The config file's JSON Schema, for editor autocompletion (yaml-language-server). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'shipgate configuration',
  };
}

export function registerConfigCommand(program: Command, ctx: CliContext): void {
  const config = program
    .command('config')
    .description('inspect and validate configuration')
    .addHelpText(
      'after',
      examples('shipgate config check', 'shipgate config schema > shipgate.schema.json'),
    );

  config
    .command('schema')
    .addHelpText('after', examples('shipgate config schema > shipgate.schema.json'))
    .description('print the JSON Schema of shipgate.config.yaml (point your editor at it)')
    .action(
      action(ctx, () => {
        ctx.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
      }),
    );

  config
    .command('check [file]')
    .addHelpText(
      'after',
      examples(
        'shipgate config check',
        'shipgate config check ./shipgate.config.yaml --format json',
      ),
    )
    .description(
      'validate a config file (default: the one shipgate would load) and exit 2 on errors',
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, (file: string | undefined, opts: { format: 'text' | 'json' }) => {
        const path = file ?? program.opts<{ config?: string }>().config;
        const loaded = loadConfig({ path, cwd: ctx.cwd, env: ctx.env });
        const summary = {
          valid: true,
          source: loaded.source,
          home: loaded.home,
          storage: loaded.storageUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres',
          providers: Object.keys(loaded.providers),
          models: Object.keys(loaded.models),
        };
        if (opts.format === 'json') {
          ctx.stdout.write(`${JSON.stringify(summary)}\n`);
          return;
        }
        ctx.stdout.write(
          `${loaded.source ?? 'no config file (defaults and environment)'}: valid\n` +
            `  home: ${summary.home}\n  storage: ${summary.storage}\n` +
            `  providers: ${summary.providers.join(', ') || 'none'}\n  models: ${summary.models.join(', ') || 'built-in only'}\n`,
        );
      }),
    );
}
