/**
 * Usage-insert benchmark (issue 10, ADR 0039): the cost of writing usage records
 * through the real store (a SQLite file, the background writer thread, batches of
 * 200 as `metering.batchSize` defaults) as the table grows, with random (v4) ids
 * against time-ordered (v7) ids. Each id kind fills its own database to each size
 * with its own ids, then times 20,000 more rows: process CPU (every thread) and
 * wall time per row, and the pages the writer read and wrote (/proc/self/io).
 *
 * `--cache-mb 2,16` also compares page cache sizes (storage.sqliteCacheMb; 16 MB was
 * better-sqlite3's build default, ADR 0048).
 *
 *   npm run bench:usage-insert [-- --sizes 0,200000,1000000] [-- --cache-mb 2,16]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UsageRecord } from '../../src/gateway/usage-record.js';
import { timeOrderedUuid } from '../../src/lib/time-ordered-id.js';
import { openStore } from '../../src/store/store.js';

const BATCH = 200;
const MEASURED = 20_000;
const kinds = { 'random v4': () => randomUUID(), 'time-ordered v7': () => timeOrderedUuid() };

function listArg(name: string, fallback: string): number[] {
  const at = process.argv.indexOf(name);
  const raw = at < 0 ? fallback : (process.argv[at + 1] ?? '');
  const values = raw.split(',').map(Number);
  if (values.some((n) => !Number.isInteger(n) || n < 0))
    throw new Error(`${name} needs whole numbers separated by commas, got "${raw}"`);
  return values;
}

function record(id: string, i: number): UsageRecord {
  return {
    id,
    startedAt: Date.now(),
    provider: 'openai',
    model: 'gpt-4o-mini',
    task: 'chat',
    caller: `key:${i % 7}`,
    attempts: 1,
    cacheHit: false,
    status: 'ok',
    latencyMs: 3,
    ttftMs: null,
    inputTokens: 12,
    outputTokens: 40,
    cachedInputTokens: 0,
    costMicros: 30,
    estimated: false,
  };
}

/** Bytes this process read from and wrote to storage so far (Linux; 0 elsewhere). */
function ioBytes(): { read: number; write: number } {
  try {
    const io = readFileSync('/proc/self/io', 'utf8');
    const field = (name: string): number => Number(new RegExp(`${name}: (\\d+)`).exec(io)?.[1]);
    return { read: field('read_bytes'), write: field('write_bytes') };
  } catch {
    return { read: 0, write: 0 };
  }
}

async function measure(kind: keyof typeof kinds, size: number, cacheMb: number) {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-usage-bench-'));
  const store = await openStore(`sqlite:${join(dir, 'usage.db')}`, { cacheMb });
  const nextId = kinds[kind];
  try {
    for (let done = 0; done < size; done += 5_000) {
      const n = Math.min(5_000, size - done);
      await store.usage.insertMany(Array.from({ length: n }, (_, i) => record(nextId(), i)));
    }
    // the writer thread starts and loads its ops module outside the timed part
    await store.usage.insertMany([record(nextId(), 0)]);
    const io0 = ioBytes();
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    for (let done = 0; done < MEASURED; done += BATCH)
      await store.usage.insertMany(Array.from({ length: BATCH }, (_, i) => record(nextId(), i)));
    const cpu = process.cpuUsage(cpu0);
    const io1 = ioBytes();
    return {
      kind,
      size,
      cacheMb,
      cpuUsPerRow: (cpu.user + cpu.system) / MEASURED,
      wallUsPerRow: ((performance.now() - wall0) * 1000) / MEASURED,
      writtenKbPerRow: (io1.write - io0.write) / 1024 / MEASURED,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const size of listArg('--sizes', '0,200000,1000000')) {
  for (const cacheMb of listArg('--cache-mb', '2')) {
    for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
      process.stderr.write(`usage-insert: ${kind}, table of ${size} rows, ${cacheMb} MB cache…\n`);
      rows.push(await measure(kind, size, cacheMb));
    }
  }
}
console.table(
  rows.map((r) => ({
    'table rows': r.size,
    ids: r.kind,
    'cache MB': r.cacheMb,
    'CPU µs/row': r.cpuUsPerRow.toFixed(1),
    'wall µs/row': r.wallUsPerRow.toFixed(1),
    'written KB/row': r.writtenKbPerRow.toFixed(2),
  })),
);
for (let i = 0; i + 1 < rows.length; i += 2) {
  const [v4, v7] = [rows[i], rows[i + 1]];
  if (v4 && v7)
    console.log(
      `table of ${v4.size} rows, ${v4.cacheMb} MB cache: v7 ÷ v4 CPU ${(v7.cpuUsPerRow / v4.cpuUsPerRow).toFixed(2)}, wall ${(v7.wallUsPerRow / v4.wallUsPerRow).toFixed(2)}`,
    );
}
