/**
 * Issue 9.9: every command's `--help` shows examples. Walks every command and
 * command group the CLI registers (so a new command fails here until it has an
 * `addHelpText('after', examples(...))`), and checks each example names its command.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { captureOutput, runCliCaptured } from '../../test/support/run-cli.js';
import { registerCommands } from './commands/index.js';
import { createCliContext } from './context.js';

function commandPaths(): string[][] {
  const program = new Command('shipgate');
  registerCommands(
    program,
    createCliContext(
      {
        stdout: captureOutput(),
        stderr: captureOutput(),
        env: {},
        cwd: process.cwd(),
      },
      () => undefined,
    ),
  );
  const paths: string[][] = [];
  const walk = (command: Command, prefix: string[]): void => {
    for (const sub of command.commands) {
      const path = [...prefix, sub.name()];
      paths.push(path);
      walk(sub, path);
    }
  };
  walk(program, []);
  return paths;
}

describe('every command’s --help shows examples', () => {
  const paths = commandPaths();

  it('finds the commands (the walk itself works)', () => {
    expect(paths.length).toBeGreaterThanOrEqual(20);
    expect(paths).toContainEqual(['keys', 'create']);
  });

  it.each(paths.map((path) => [path.join(' '), path] as const))(
    'shipgate %s --help',
    async (_name, path) => {
      const run = await runCliCaptured([...path, '--help'], { SHIPGATE_HOME: '/nonexistent-home' });
      expect(run.code).toBe(0);
      const after = run.stdout.split('\nExamples:\n')[1];
      expect(
        after,
        `add .addHelpText('after', examples(...)) to "shipgate ${path.join(' ')}"`,
      ).toBeDefined();
      const lines = after!.split('\n').filter((line) => line.startsWith('  '));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines)
        expect(line, 'each example runs the command').toContain(`shipgate ${path[0]}`);
    },
  );
});
