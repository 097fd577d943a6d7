/** One database-stopped run in a fresh process, so RSS reflects only this run. */
import { measureDbStopped } from './meter-db-stopped.js';

const arg = process.argv[2];
const mode = arg === 'refuse' || arg === 'up' ? arg : 'blackhole';
process.stdout.write(`${JSON.stringify(await measureDbStopped(mode))}\n`);
