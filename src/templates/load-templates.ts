import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ErrorCode, ShipgateError } from '../errors.js';
import { builtinTemplateSources } from './builtin/index.js';
import { parseTemplate } from './parse-template.js';
import type { Template } from './template-schema.js';

/** Where a project keeps its templates, relative to its root. */
export const projectTemplateDir = '.shipgate/templates';

export interface TemplateEntry {
  template: Template;
  source: 'builtin' | 'project';
  /** True for a project template that replaces the built-in of the same name. */
  overridesBuiltin: boolean;
}

export function builtinTemplates(): Template[] {
  return builtinTemplateSources.map((source, i) => parseTemplate(source, `builtin #${i + 1}`));
}

async function projectTemplates(root: string): Promise<Template[]> {
  const dir = join(root, projectTemplateDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const templates: Template[] = [];
  const seen = new Map<string, string>();
  for (const file of names.filter((n) => n.endsWith('.md')).sort()) {
    const path = join(dir, file);
    const origin = relative(root, path).split('\\').join('/');
    const template = parseTemplate(await readFile(path, 'utf8'), origin);
    const previous = seen.get(template.name);
    if (previous) {
      throw new ShipgateError(
        ErrorCode.ConfigInvalid,
        `templates ${previous} and ${origin} are both named "${template.name}"; rename one`,
      );
    }
    seen.set(template.name, origin);
    templates.push(template);
  }
  return templates;
}

/** Built-ins plus the project's `.shipgate/templates/*.md`; a project template overrides a built-in of the same name. */
export async function loadTemplates(root: string): Promise<TemplateEntry[]> {
  const project = await projectTemplates(root);
  const builtins = builtinTemplates();
  const builtinNames = new Set(builtins.map((t) => t.name));
  const projectNames = new Set(project.map((t) => t.name));
  const entries: TemplateEntry[] = [
    ...builtins
      .filter((t) => !projectNames.has(t.name))
      .map((template) => ({ template, source: 'builtin' as const, overridesBuiltin: false })),
    ...project.map((template) => ({
      template,
      source: 'project' as const,
      overridesBuiltin: builtinNames.has(template.name),
    })),
  ];
  return entries.sort((a, b) => a.template.name.localeCompare(b.template.name));
}

/** The template named `name`, or a NotFound error listing the ones there are. */
export function findTemplate(entries: TemplateEntry[], name: string): TemplateEntry {
  const entry = entries.find((e) => e.template.name === name);
  if (entry) return entry;
  const names = entries.map((e) => e.template.name).join(', ');
  throw new ShipgateError(ErrorCode.NotFound, `no template named "${name}"; available: ${names}`);
}
