/**
 * A problem set in the HumanEval-X JSONL form (one JSON object a line with
 * `task_id`, `prompt`, `entry_point`, `test`), validated line by line; a bad line
 * is a BadRequest naming the line and the field.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../errors.js';

export const problemSchema = z.looseObject({
  task_id: z.string().min(1),
  prompt: z.string().min(1),
  entry_point: z.string().regex(/^[A-Za-z_$][\w$]*$/),
  test: z.string().min(1),
});
export type Problem = z.infer<typeof problemSchema>;

export function parseProblems(text: string, source: string): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ShipgateError(ErrorCode.BadRequest, `${source}:${i + 1} is not valid JSON`);
    }
    const parsed = problemSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ShipgateError(
        ErrorCode.BadRequest,
        `${source}:${i + 1}: ${issue?.path.join('.') || 'line'} ${issue?.message ?? 'is invalid'} (need task_id, prompt, entry_point, test)`,
      );
    }
    problems.push(parsed.data);
  }
  if (problems.length === 0)
    throw new ShipgateError(ErrorCode.BadRequest, `${source} holds no problems`);
  return problems;
}

export async function loadProblems(path: string): Promise<Problem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ShipgateError(ErrorCode.BadRequest, `cannot read the problem set ${path}`, { cause });
  }
  return parseProblems(text, path);
}

/** What the dataset runs: the answered function (or the prompt + a body), then the tests. */
export function judgedProgram(problem: Problem, code: string): string {
  const declares = new RegExp(`^(?:const|let|var|function)\\s+${problem.entry_point}\\b`, 'm');
  const body = declares.test(code) ? code : `${problem.prompt}${code}`;
  return `${body}\n${problem.test}`;
}
