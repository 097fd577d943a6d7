import pc from 'picocolors';
import { ExitCode, exitCodeFor, toShipgateError } from '../errors.js';
import type { CliContext } from './context.js';

/**
 * Wraps a command action: anything thrown becomes a clear one-line message on
 * stderr and the DESIGN.md exit code (2 usage/config, 1 failure), never a stack trace.
 */
export function action<A extends unknown[]>(
  ctx: CliContext,
  fn: (...args: A) => Promise<number | void> | number | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await fn(...args);
      if (typeof code === 'number') ctx.exitCode = code;
    } catch (thrown) {
      const error = toShipgateError(thrown);
      const label = ctx.stderr.isTTY ? pc.red('error:') : 'error:';
      ctx.stderr.write(`${label} ${error.message}\n`);
      if (ctx.env.SHIPGATE_DEBUG && error.stack) ctx.stderr.write(`${error.stack}\n`);
      ctx.exitCode = error.code === 'internal' ? ExitCode.Failed : exitCodeFor(error);
    }
  };
}
