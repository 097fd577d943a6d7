import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerAskCommand } from './ask.js';
import { registerAuditCommand } from './audit.js';
import { registerCompleteCommand } from './complete.js';
import { registerKeysCommand } from './keys.js';
import { registerLspCommand } from './lsp.js';
import { registerConfigCommand } from './config.js';
import { registerContextCommand } from './context.js';
import { registerModelsCommand } from './models.js';
import { registerUsageCommand } from './usage.js';
import { registerCostCommand } from './cost.js';
import { registerEvalCommand } from './eval.js';
import { registerExtractCommand } from './extract.js';
import { registerGenerateCommand } from './generate.js';
import { registerJobsCommand } from './jobs.js';
import { registerWorkerCommand } from './worker.js';
import { registerRedactCommand } from './redact.js';
import { registerReviewCommand } from './review.js';
import { registerSandboxCommand } from './sandbox.js';
import { registerServeCommand } from './serve.js';
import { registerTemplatesCommand } from './templates.js';
import { registerValidateCommand } from './validate.js';

/**
 * Every command registers itself here: one file per command (or command group).
 * Add yours with one line; keep this list in the order `--help` should show.
 */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerServeCommand(program, ctx);
  registerWorkerCommand(program, ctx);
  registerJobsCommand(program, ctx);
  registerAskCommand(program, ctx);
  registerGenerateCommand(program, ctx);
  registerCompleteCommand(program, ctx);
  registerLspCommand(program, ctx);
  registerTemplatesCommand(program, ctx);
  registerContextCommand(program, ctx);
  registerModelsCommand(program, ctx);
  registerUsageCommand(program, ctx);
  registerCostCommand(program, ctx);
  registerEvalCommand(program, ctx);
  registerKeysCommand(program, ctx);
  registerAuditCommand(program, ctx);
  registerConfigCommand(program, ctx);
  registerValidateCommand(program, ctx);
  registerReviewCommand(program, ctx);
  registerRedactCommand(program, ctx);
  registerExtractCommand(program, ctx);
  registerSandboxCommand(program, ctx);
}
