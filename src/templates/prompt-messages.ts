import type { ContextItem } from '../context/types.js';
import { systemMessage } from './system-prompt.js';
import type { Template } from './template-schema.js';

export interface PromptMessage {
  role: 'system' | 'user';
  content: string;
}

/**
 * The messages sent to the model: the system message (role, output contract,
 * included instructions) and the user message (included repository context,
 * then the rendered task).
 */
export function assembleMessages(
  template: Template,
  targetFile: string | undefined,
  task: string,
  items: ContextItem[],
): PromptMessage[] {
  const included = items.filter((i) => i.included);
  const instructions = included.filter((i) => i.kind === 'instructions').map((i) => i.content);
  const code = included.filter((i) => i.kind !== 'instructions').map((i) => i.content);
  const user =
    code.length > 0 ? `# Repository context\n\n${code.join('\n\n')}\n\n# Task\n\n${task}` : task;
  return [
    { role: 'system', content: systemMessage(template, targetFile, instructions) },
    { role: 'user', content: user },
  ];
}
