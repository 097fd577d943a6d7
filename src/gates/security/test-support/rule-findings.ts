import { analyzeSource } from '../analyze.js';

/** One rule's findings in a source text, as `line:severity`, for the security gate's tests. */
export function ruleFindings(rule: string, code: string, file = 'app.js'): string[] {
  return analyzeSource(file, code)
    .filter((f) => f.rule === rule)
    .map((f) => `${f.line}:${f.severity}`);
}

/** Source lines joined into one text. */
export const lines = (...ls: string[]): string => ls.join('\n');
