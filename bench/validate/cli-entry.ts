/** Runs the CLI from source (cold-start fallback when dist/ is not built). */
import { runCli } from '../../src/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
