/**
 * The "Examples:" block at the end of a command's `--help`. Every command and
 * command group has one (src/cli/help-examples.test.ts walks them all).
 */
export function examples(...lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}
