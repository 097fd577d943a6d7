/**
 * Renders the raw FIM prompt: the template's tokens around the (windowed) prefix
 * and suffix, with the file path and context snippets ahead of the prefix — as
 * Qwen2.5-Coder's repository-level format where the family has one, else as
 * `Path:` comments in the file's language (the Continue convention).
 */
import type { Snippet } from './context-window.js';
import type { FimTemplate } from './fim-templates.js';

export interface PromptParts {
  prefix: string;
  suffix: string;
  /** The file's path relative to the project (a header line), when known. */
  path?: string;
  language?: string;
  snippets?: Snippet[];
  /** The repository's name, for the repository-level format. */
  repo?: string;
}

const hashComment = new Set([
  'python',
  'ruby',
  'shellscript',
  'shell',
  'bash',
  'sh',
  'yaml',
  'toml',
  'r',
  'perl',
  'elixir',
  'makefile',
  'dockerfile',
]);
const dashComment = new Set(['lua', 'sql', 'haskell', 'ada']);

/** The line-comment marker for a language id (LSP language ids), `//` by default. */
export function commentMarker(language: string | undefined): string {
  const id = (language ?? '').toLowerCase();
  if (hashComment.has(id)) return '#';
  if (dashComment.has(id)) return '--';
  return '//';
}

function commented(text: string, marker: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? marker : `${marker} ${line}`))
    .join('\n');
}

/** Snippets and the path as comments, ahead of the prefix. */
function commentHeader(parts: PromptParts): string {
  const marker = commentMarker(parts.language);
  const blocks = (parts.snippets ?? []).map(
    (s) => `${marker} Path: ${s.path}\n${commented(s.content.replace(/\n$/, ''), marker)}\n`,
  );
  if (parts.path) blocks.push(`${marker} Path: ${parts.path}\n`);
  return blocks.join('');
}

/** Qwen2.5-Coder: `<|repo_name|>name` then `<|file_sep|>path\ncontent` per file, the current file last. */
function repoHeader(parts: PromptParts, repo: NonNullable<FimTemplate['repo']>): string {
  const files = (parts.snippets ?? []).map(
    (s) => `${repo.fileSep}${s.path}\n${s.content.replace(/\n$/, '')}\n`,
  );
  return `${repo.name}${parts.repo ?? 'repo'}\n${files.join('')}${repo.fileSep}${parts.path}\n`;
}

function usesRepoFormat(template: FimTemplate, parts: PromptParts): boolean {
  return Boolean(template.repo && parts.path && (parts.repo || parts.snippets?.length));
}

/** The exact string sent as the upstream's `prompt` (or the embedded engine's infill). */
export function renderFimPrompt(template: FimTemplate, parts: PromptParts): string {
  const { prefix, suffix, middle, repo } = template;
  if (repo && usesRepoFormat(template, parts)) {
    return `${repoHeader(parts, repo)}${prefix}${parts.prefix}${suffix}${parts.suffix}${middle}`;
  }
  const head = commentHeader(parts);
  if (template.order === 'spm') {
    return `${suffix}${parts.suffix}${prefix}${head}${parts.prefix}${middle}`;
  }
  return `${prefix}${head}${parts.prefix}${suffix}${parts.suffix}${middle}`;
}

/** For an engine that adds the FIM tokens itself (the embedded infill): header + prefix, suffix. */
export function infillInput(parts: PromptParts): { prefix: string; suffix: string } {
  return { prefix: `${commentHeader(parts)}${parts.prefix}`, suffix: parts.suffix };
}
