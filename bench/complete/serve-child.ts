/** shipgate for bench:complete in its own process: prints its URL, serves until stdin closes. */
import { startShipgate } from './latency.js';

const [upstream, home] = process.argv.slice(2) as [string, string];
const server = await startShipgate(upstream, home);
process.stdout.write(`${server.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
