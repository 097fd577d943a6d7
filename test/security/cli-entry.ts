/** `bin/shipgate.js` from source: what the exploit tests spawn (`node --import tsx cli-entry.ts …`). */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
