/**
 * What an object spread followed by a key of its own costs on this Node, against the
 * alternatives (ADR 0046): time per object, and bytes allocated and promoted out of
 * the young generation per object, read from V8's `--trace-gc-nvp` lines of a child
 * process that builds 10⁶ objects in one pattern with a 1 MB semi-space.
 *
 *   npm run bench:spread-cost
 */
import { spawnSync } from 'node:child_process';

const objects = 1_000_000;

/** Each pattern builds `o` from a fresh source object `c` (and `d`), as request code does. */
const patterns: Record<string, string> = {
  'spread, then two new keys': '{ ...c, prev: "x", hash: "y" }',
  'spread, then one new key': '{ ...c, extra: 1 }',
  'second spread brings new keys': '{ ...c, ...d }',
  'spread, then a key it replaces': '{ ...c, seq: 2 }',
  'new key before the spread': '{ extra: 1, ...c }',
  'Object.assign({}, c, {…})': 'Object.assign({}, c, { extra: 1 })',
  'written out': '{ seq: c.seq, at: c.at, actor: c.actor, action: c.action, extra: 1 }',
};

function child(expression: string): string {
  return `
    let sink = 0;
    const started = performance.now();
    for (let i = 0; i < ${objects}; i++) {
      const c = { seq: i, at: Date.now(), actor: 'a', action: 'b' };
      const d = { via: 'x', committed: i };
      const o = ${expression};
      sink += o.seq ?? 1;
    }
    process.stderr.write(String((performance.now() - started) * 1000 / ${objects}) + ' ' + sink + '\\n');
  `;
}

function sum(lines: string[], field: string): number {
  let total = 0;
  for (const line of lines) total += Number(new RegExp(`\\b${field}=(\\d+)`).exec(line)?.[1] ?? 0);
  return total;
}

const rows = Object.entries(patterns).map(([name, expression]) => {
  const run = spawnSync(
    process.execPath,
    ['--max-semi-space-size=1', '--trace-gc-nvp', '-e', child(expression)],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
  const scavenges = run.stdout.split('\n').filter((line) => line.includes(' gc=s '));
  return {
    pattern: name,
    code: expression,
    'µs per object': Number(Number(run.stderr.split(' ')[0]).toFixed(2)),
    'allocated B per object': Math.round(sum(scavenges, 'allocated') / objects),
    'promoted B per object': Math.round(sum(scavenges, 'promoted') / objects),
  };
});

console.log(`node ${process.version}, ${objects.toLocaleString('en')} objects per pattern`);
console.table(rows);
