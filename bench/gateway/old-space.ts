/**
 * What reaches shipgate's old generation under load, by allocation site: shipgate (the
 * built CLI, as bench:gateway runs it) idles, then the gateway bench's load runs
 * (sequential, streaming, `--seconds` of 32 concurrent clients) while V8's sampling heap
 * profiler keeps the objects that only major GCs collect (old-space-probe.ts). Prints
 * the total, the top allocating functions and the top call stacks. A per-request object
 * in that list was promoted or born old (pretenured): it is what grows the old space,
 * and with it the peak RSS, between mark-compacts (ADR 0048). With `--baseline DIR`
 * (another built checkout) the same load runs against it afterwards.
 *
 *   npm run bench:gateway-old-space [-- --seconds 10] [-- --baseline ../old]
 *   npm run bench:gateway-old-space -- --phases throughput   # only the 32-client load
 *
 * Build first (`npx tsc -p tsconfig.build.json`): it runs dist/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option, wholeNumber } from '../shared/args.js';
import { oldSpaceProbeArg, summarise, type SamplingProfile } from './old-space-probe.js';
import { Children } from './processes.js';
import { startShipgate } from './shipgate-cli.js';
import { loadShipgate, type LoadPhase } from './shipgate-load.js';

const here = dirname(fileURLToPath(import.meta.url));
const children = new Children();
const seconds = wholeNumber('--seconds', 10);
const known: LoadPhase[] = ['sequential', 'streaming', 'throughput'];
const phases = (option('--phases', known.join(',')) ?? '').split(',') as LoadPhase[];
if (phases.some((phase) => !known.includes(phase)))
  throw new Error(`--phases takes a comma-separated list of ${known.join(', ')}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForFile(path: string, timeoutMs = 30_000): Promise<string> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await pause(200)) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // not written yet
    }
  }
  throw new Error(`the server wrote no heap profile to ${path} within ${timeoutMs} ms`);
}

async function profileOf(
  root: string,
  upstream: number,
): Promise<SamplingProfile & { requests: number }> {
  const out = join(mkdtempSync(join(tmpdir(), 'shipgate-old-space-')), 'profile.json');
  process.env.BENCH_OLD_SPACE_OUT = out; // startShipgate passes the environment on
  const sg = await startShipgate(children, root, upstream, [oldSpaceProbeArg]);
  try {
    const pid = sg.child.pid as number;
    await pause(2000);
    process.kill(pid, 'SIGUSR2'); // start sampling
    await pause(200);
    const result = await loadShipgate(children, sg, upstream, { seconds, phases });
    process.kill(pid, 'SIGUSR2'); // full GC, stop, write
    const profile = JSON.parse(await waitForFile(out)) as SamplingProfile;
    return { ...profile, requests: result.calls.shipgate ?? 0 };
  } finally {
    await children.stop(sg.child);
    rmSync(dirname(out), { recursive: true, force: true });
    sg.dispose();
  }
}

function print(name: string, profile: SamplingProfile & { requests: number }): void {
  const { total, sites, stacks } = summarise(profile);
  const kb = (bytes: number) => (bytes / 1024).toFixed(0).padStart(7);
  console.log(
    `\n== ${name}: ${(total / 1048576).toFixed(1)} MB sampled over ${profile.requests} requests ` +
      `(${(total / Math.max(1, profile.requests)) | 0} B/request) reached the old generation or is live`,
  );
  console.log('KB by allocating function:');
  for (const [site, bytes] of sites) console.log(`${kb(bytes)}  ${site}`);
  console.log('KB by call stack (innermost last):');
  for (const [stack, bytes] of stacks) console.log(`${kb(bytes)}  ${stack}`);
}

async function main(): Promise<void> {
  const upstream = children.start(['--import', 'tsx', join(here, 'upstream.ts')]);
  const port = Number((JSON.parse(await upstream.firstLine) as { port: number }).port);
  print('shipgate', await profileOf(join(here, '../..'), port));
  const baseline = option('--baseline', null);
  if (baseline) print(`baseline ${baseline}`, await profileOf(baseline, port));
  await children.stop(upstream.child);
}

main().catch((error: unknown) => {
  console.error(error);
  children.killAll();
  process.exitCode = 1;
});
