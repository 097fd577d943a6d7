/**
 * The recording path's cost (ADR 0042): what each inference request leaves behind, one
 * audit entry and one usage record, written the way `serve` writes them (a SQLite file,
 * the background writer thread, audit batches every 100 ms, usage batches of 200).
 * Prints process CPU (every thread) and wall time per request, for this build's dist/
 * and, with `--baseline DIR`, another built checkout's, in alternating rounds.
 *
 *   npm run bench:recording [-- --requests 30000] [-- --rounds 3] [-- --baseline ../old]
 *
 * Build first (`npx tsc -p tsconfig.build.json`, in the baseline too): it runs dist/.
 * For instruction counts, run one round under valgrind (`--tool=callgrind`) with two
 * `--requests` values; the difference divided by the difference in requests is the
 * marginal count, free of start-up.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option, wholeNumber } from '../shared/args.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Result {
  cpuUsPerRequest: number;
  wallUsPerRequest: number;
}

/** One round in a fresh node process, against `root`'s dist/ (recording-round.mjs). */
function round(root: string, requests: number): Result {
  const out = execFileSync(
    process.execPath,
    [join(here, 'recording-round.mjs'), resolve(root), String(requests)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out) as Result;
}

const requests = wholeNumber('--requests', 30_000);
const rounds = wholeNumber('--rounds', 3);
const baseline = option('--baseline', null);
const subjects: [string, string][] = [['this build', join(here, '../..')]];
if (baseline) subjects.push(['baseline', baseline]);
const rows = [];
for (let i = 0; i < rounds; i += 1) {
  for (const [name, root] of subjects) {
    process.stderr.write(`recording: ${name}, round ${i + 1} of ${rounds}…\n`);
    const r = round(root, requests);
    rows.push({
      build: name,
      'CPU µs/request': +r.cpuUsPerRequest.toFixed(1),
      'wall µs/request': +r.wallUsPerRequest.toFixed(1),
    });
  }
}
console.table(rows);
