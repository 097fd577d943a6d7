import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerConfigCommand } from './config.js';

/**
 * Every command registers itself here: one file per command (or command group).
 * Add yours with one line; keep this list in the order `--help` should show.
 */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerConfigCommand(program, ctx);
}
