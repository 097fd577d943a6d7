/** `node --import tsx src/jobs/test-support/cli-entry.ts <args>`: the CLI from source, for process tests. */
import { runCli } from '../../cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
