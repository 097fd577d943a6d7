import type { Template } from './template-schema.js';

const fence = '```';

const role =
  'You are a senior software engineer writing production code for an existing repository. ' +
  'Follow the project instructions below and match the conventions, types and helpers visible ' +
  'in the repository context. Code that does not compile, lint or pass its tests is rejected ' +
  'and sent back to you with the errors.';

function filesContract(): string {
  return [
    'Output contract (your reply is parsed by a program):',
    '- Answer with complete files. For each file, write its path relative to the repository root alone on one line in backticks, then a fenced code block with a language tag holding the whole file:',
    '',
    '`src/example.ts`',
    `${fence}ts`,
    '// the complete file content',
    fence,
    '',
    '- Give every file in full: no diffs, no "…", no "rest unchanged" placeholders, no TODOs.',
    '- Only the files to create or replace. No other code blocks (no shell commands, no sample output).',
    '- Keep any explanation to a few sentences after the last block, or leave it out.',
  ].join('\n');
}

function codeContract(targetFile: string | undefined): string {
  const pathLine = targetFile
    ? `Put the path \`${targetFile}\` alone on the line before the block.`
    : 'No path is needed.';
  return [
    'Output contract (your reply is parsed by a program):',
    `- Answer with exactly one fenced code block with a language tag, holding only the requested code. ${pathLine}`,
    '- The code must be complete: no "…", no placeholders, no TODOs.',
    '- No other code blocks; keep any explanation to one or two sentences after the block.',
  ].join('\n');
}

/** The system message: role, the output contract for the template's output kind, then instructions. */
export function systemMessage(
  template: Template,
  targetFile: string | undefined,
  instructions: string[],
): string {
  const contract = template.output === 'files' ? filesContract() : codeContract(targetFile);
  const parts = [role, contract];
  if (instructions.length > 0) parts.push(`# Project instructions\n\n${instructions.join('\n\n')}`);
  return parts.join('\n\n');
}
