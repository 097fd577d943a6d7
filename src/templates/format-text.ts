import { renderTable } from '../cli/table.js';
import type { TemplateEntry } from './load-templates.js';
import type { RenderedPrompt } from './render.js';
import type { VariableSpec } from './template-schema.js';

function describeDefault(spec: VariableSpec): string {
  if (spec.required) return 'required';
  if (spec.default === undefined) return '';
  return `default ${JSON.stringify(spec.default)}`;
}

function typeLabel(spec: VariableSpec): string {
  return spec.type === 'enum' ? (spec.values ?? []).join('|') : spec.type;
}

/** `templates list` as a table. */
export function formatTemplateList(entries: TemplateEntry[]): string {
  const rows = entries.map(({ template, source, overridesBuiltin }) => [
    template.name,
    template.version,
    template.task,
    template.output,
    overridesBuiltin ? 'project (overrides built-in)' : source,
    template.description,
  ]);
  return renderTable(['name', 'version', 'task', 'output', 'source', 'description'], rows);
}

/** `templates show`: metadata, variables, then the body. */
export function formatTemplate(entry: TemplateEntry): string {
  const t = entry.template;
  const hints = Object.entries(t.modelHints).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  const lines = [
    `${t.name} ${t.version} (${entry.source}${entry.source === 'project' ? `: ${t.origin}` : ''})`,
    t.description,
    `task: ${t.task} · output: ${t.output} · withTests: ${t.withTests}`,
    `sha256: ${t.hash}`,
    `model hints: ${hints.length > 0 ? hints.join(' ') : 'none'}`,
    '',
  ];
  const vars = Object.entries(t.variables).map(([name, spec]) => [
    name,
    typeLabel(spec),
    describeDefault(spec),
    spec.description,
  ]);
  const table =
    vars.length > 0
      ? renderTable(['variable', 'type', 'required/default', 'description'], vars)
      : 'no variables\n';
  return `${lines.join('\n')}\n${table}\n--- body ---\n${t.body.replace(/\n*$/, '\n')}`;
}

/** `templates render` in text: each message under a header, then the token summary. */
export function formatRenderedPrompt(
  prompt: RenderedPrompt,
  budget: number,
  count: (text: string) => number,
): string {
  const parts = prompt.messages.map(
    (m) => `=== ${m.role} (${count(m.content)} tokens) ===\n${m.content}\n`,
  );
  const t = prompt.template;
  const included = prompt.context.filter((c) => c.included);
  const excluded = prompt.context.length - included.length;
  const summary = [
    `=== ${prompt.tokenCount} / ${budget} tokens · template ${t.name}@${t.version} sha256:${t.hash.slice(0, 12)} · context: ${included.length} included, ${excluded} excluded ===`,
  ];
  const rows = prompt.context.map((c) => [c.included ? 'yes' : 'no', c.kind, c.tokens, c.source]);
  if (rows.length > 0) summary.push(renderTable(['included', 'kind', 'tokens', 'source'], rows));
  return `${parts.join('\n')}\n${summary.join('\n')}`;
}
