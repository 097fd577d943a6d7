import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { action } from '../action.js';
import { examples } from '../examples.js';
import type { CliContext } from '../context.js';
import { formatOption, positiveInt } from '../options.js';

type Format = 'text' | 'json';

interface RenderOptions {
  var: string[];
  spec?: string;
  file?: string;
  budget?: number;
  root?: string;
  format: Format;
}

// Template, tree-sitter and tokenizer modules load only when a subcommand runs.
const loadTemplates = () => import('../../templates/load-templates.js');
const loadFormat = () => import('../../templates/format-text.js');
const loadRoot = () => import('../../context/project-root.js');

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function rootFor(ctx: CliContext, explicit?: string): Promise<string> {
  return (await loadRoot()).chooseRoot(ctx.cwd, explicit);
}

function writeJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value)}\n`);
}

async function listAction(ctx: CliContext, opts: { format: Format; root?: string }): Promise<void> {
  const { loadTemplates: load } = await loadTemplates();
  const entries = await load(await rootFor(ctx, opts.root));
  if (opts.format === 'json') {
    const templates = entries.map(
      ({ template: { body: _body, ...meta }, source, overridesBuiltin }) => ({
        ...meta,
        source,
        overridesBuiltin,
      }),
    );
    writeJson(ctx, { templates });
    return;
  }
  ctx.stdout.write((await loadFormat()).formatTemplateList(entries));
}

async function showAction(
  ctx: CliContext,
  name: string,
  opts: { format: Format; root?: string },
): Promise<void> {
  const { loadTemplates: load, findTemplate } = await loadTemplates();
  const entry = findTemplate(await load(await rootFor(ctx, opts.root)), name);
  if (opts.format === 'json') {
    writeJson(ctx, {
      ...entry.template,
      source: entry.source,
      overridesBuiltin: entry.overridesBuiltin,
    });
    return;
  }
  ctx.stdout.write((await loadFormat()).formatTemplate(entry));
}

async function renderAction(ctx: CliContext, name: string, opts: RenderOptions): Promise<void> {
  if (opts.spec === undefined) {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'templates render needs --spec "<what to generate>"',
    );
  }
  const root = await rootFor(ctx, opts.root);
  const templates = await loadTemplates();
  const { parseVariableArgs } = await import('../../templates/variables.js');
  const entry = templates.findTemplate(await templates.loadTemplates(root), name);
  const variables = parseVariableArgs(entry.template, opts.var);
  const { renderPrompt, defaultTokenBudget } = await import('../../templates/render.js');
  const { ContextIndexCache } = await import('../../context/context-index-cache.js');
  const index = new ContextIndexCache();
  try {
    const prompt = await renderPrompt(
      {
        root,
        spec: opts.spec,
        template: name,
        variables,
        ...(opts.file ? { targetFile: resolve(ctx.cwd, opts.file) } : {}),
        ...(opts.budget ? { tokenBudget: opts.budget } : {}),
      },
      { index },
    );
    if (opts.format === 'json') return writeJson(ctx, prompt);
    const budget = opts.budget ?? defaultTokenBudget;
    const text = (await loadFormat()).formatRenderedPrompt(prompt, budget, (t) =>
      index.tokenCounter.count(t),
    );
    ctx.stdout.write(text);
  } finally {
    index.dispose();
  }
}

const rootOption = [
  '--root <dir>',
  'project root (default: nearest ancestor with .shipgate, .git or package.json)',
] as const;

function registerRender(templates: Command, ctx: CliContext): void {
  templates
    .command('render')
    .addHelpText(
      'after',
      examples(
        'shipgate templates render function --spec "debounce a function" --file src/util.ts',
        'shipgate templates render function --var style=functional --budget 4000 --format json',
      ),
    )
    .description(
      'print the exact prompt that would be sent, with its token count (no model is called)',
    )
    .argument('<name>', 'template name')
    .option(
      '--var <name=value>',
      'template variable (repeatable; lists are comma-separated)',
      collect,
      [],
    )
    .option('--spec <text>', 'the spec: what to generate')
    .option(
      '--file <path>',
      'file the generated code is for (adds it, its imports and callers as context)',
    )
    .option(
      '--budget <tokens>',
      'total prompt budget in tokens (default 8000)',
      positiveInt('--budget'),
    )
    .option(...rootOption)
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(action(ctx, (name: string, opts: RenderOptions) => renderAction(ctx, name, opts)));
}

/** `shipgate templates list|show|render`: the versioned prompt templates, built-in and the project's. */
export function registerTemplatesCommand(program: Command, ctx: CliContext): void {
  const templates = program
    .command('templates')
    .addHelpText(
      'after',
      examples(
        'shipgate templates list',
        'shipgate templates show function',
        'shipgate templates render function --spec "parse a duration"',
      ),
    )
    .description('list, show and render prompt templates (built-ins and .shipgate/templates/*.md)');
  templates
    .command('list')
    .addHelpText(
      'after',
      examples(
        'shipgate templates list',
        'shipgate templates list --root ../other-repo --format json',
      ),
    )
    .description('list the templates: built-ins, and project templates (which override built-ins)')
    .option(...rootOption)
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(action(ctx, (opts: { format: Format; root?: string }) => listAction(ctx, opts)));
  templates
    .command('show')
    .addHelpText(
      'after',
      examples(
        'shipgate templates show function',
        'shipgate templates show function --format json',
      ),
    )
    .description('show a template: metadata, variables and body')
    .argument('<name>', 'template name')
    .option(...rootOption)
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .action(
      action(ctx, (name: string, opts: { format: Format; root?: string }) =>
        showAction(ctx, name, opts),
      ),
    );
  registerRender(templates, ctx);
}
