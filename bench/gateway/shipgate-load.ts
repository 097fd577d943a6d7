/**
 * The gateway bench's load against one shipgate under test, in its own process
 * (load.ts): `sequential` one-at-a-time calls, `streams` streamed ones, then `seconds`
 * of 32 concurrent clients. Shared by the memory and old-space benches.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from './load.js';
import type { Children } from './processes.js';
import type { LoadResult } from './report.js';
import type { ShipgateUnderTest } from './shipgate-cli.js';

const here = dirname(fileURLToPath(import.meta.url));

export type LoadPhase = 'sequential' | 'streaming' | 'throughput';

export interface ShipgateLoad {
  seconds: number;
  phases?: LoadPhase[];
}

export async function loadShipgate(
  children: Children,
  sg: ShipgateUnderTest,
  upstreamPort: number,
  { seconds, phases = ['sequential', 'streaming', 'throughput'] }: ShipgateLoad,
): Promise<LoadResult> {
  const target: Target = {
    name: 'shipgate',
    origin: `http://127.0.0.1:${sg.port}`,
    headers: { authorization: `Bearer ${sg.key}` },
    model: 'bench',
    pid: sg.child.pid,
  };
  const settings = {
    upstream: `http://127.0.0.1:${upstreamPort}`,
    targets: [target],
    sequential: 1500,
    streams: 500,
    aborts: 0,
    throughputMs: seconds * 1000,
    concurrency: 32,
    phases,
  };
  const load = children.start(['--import', 'tsx', join(here, 'load.ts'), JSON.stringify(settings)]);
  return JSON.parse(await load.firstLine) as LoadResult;
}
