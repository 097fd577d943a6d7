/** `shipgate` from source (through tsx) for the bench: the same entry as bin/shipgate.js. */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
