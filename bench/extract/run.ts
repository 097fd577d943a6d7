/**
 * Extract benchmark: block accuracy on the real LLM replies of
 * ../shared/bench-data/llm-replies-dev against a CommonMark parser's blocks,
 * per dimension, per reply and per block, plus throughput.
 *   node --import tsx bench/extract/run.ts [path/to/replies.jsonl]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractCodeBlocks, type ExtractedBlock } from '../../src/extract/extract.js';
import { normalizeLanguage } from '../../src/extract/language.js';

interface Reference {
  lang: string;
  start_line: number;
  closed: boolean;
  code: string;
}
interface Reply {
  id: string;
  assistant_text: string;
  fenced_blocks: Reference[];
}

const defaultPath = fileURLToPath(
  new URL('../../../shared/bench-data/llm-replies-dev/replies.jsonl', import.meta.url),
);
const path = process.argv[2] ?? defaultPath;
if (!existsSync(path)) {
  console.error(`replies not found at ${path}; pass the path to replies.jsonl`);
  process.exit(2);
}
const replies = readFileSync(path, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Reply);

const dims = ['code', 'closed', 'language', 'startLine'] as const;
type Dim = (typeof dims)[number];
const same: Record<Dim, (got: ExtractedBlock, want: Reference) => boolean> = {
  code: (g, w) => g.code === w.code,
  closed: (g, w) => g.closed === w.closed,
  language: (g, w) => g.language === normalizeLanguage(w.lang),
  startLine: (g, w) => g.startLine === w.start_line,
};

const blockHits: Record<Dim | 'all', number> = {
  code: 0,
  closed: 0,
  language: 0,
  startLine: 0,
  all: 0,
};
let referenceBlocks = 0;
let countOk = 0;
let replyOk = 0;
const wrong: string[] = [];
for (const reply of replies) {
  const got = extractCodeBlocks(reply.assistant_text);
  const want = reply.fenced_blocks;
  referenceBlocks += want.length;
  if (got.length === want.length) countOk += 1;
  let allOk = got.length === want.length;
  want.forEach((w, k) => {
    const g = got[k];
    const ok = g !== undefined && dims.every((d) => same[d](g, w));
    for (const d of dims) if (g && same[d](g, w)) blockHits[d] += 1;
    if (ok) blockHits.all += 1;
    else allOk = false;
  });
  if (allOk) replyOk += 1;
  else wrong.push(reply.id);
}

// Throughput: repeat the whole set until ~1 s has passed.
let rounds = 0;
const started = performance.now();
while (performance.now() - started < 1000) {
  for (const reply of replies) extractCodeBlocks(reply.assistant_text);
  rounds += 1;
}
const seconds = (performance.now() - started) / 1000;
const repliesPerSecond = (rounds * replies.length) / seconds;
const bytes = replies.reduce((n, r) => n + r.assistant_text.length, 0);

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(2)}%`;
const rows: Array<[string, string]> = [
  ['replies', String(replies.length)],
  ['reference blocks', String(referenceBlocks)],
  ['block count matches (per reply)', pct(countOk, replies.length)],
  ...dims.map((d): [string, string] => [`block ${d} matches`, pct(blockHits[d], referenceBlocks)]),
  ['blocks fully correct', pct(blockHits.all, referenceBlocks)],
  ['replies fully correct', pct(replyOk, replies.length)],
  ['throughput (replies/s)', repliesPerSecond.toFixed(0)],
  ['throughput (MB/s)', ((rounds * bytes) / seconds / 1e6).toFixed(1)],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
if (wrong.length) console.log(`\nreplies with differences: ${wrong.join(' ')}`);

const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const out = new URL(`extract-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, dir);
const blockAccuracy = Object.fromEntries(
  Object.entries(blockHits).map(([k, v]) => [k, v / Math.max(referenceBlocks, 1)]),
);
writeFileSync(
  out,
  `${JSON.stringify(
    {
      source: path,
      replies: replies.length,
      referenceBlocks,
      countAccuracy: countOk / replies.length,
      blockAccuracy,
      replyAccuracy: replyOk / replies.length,
      repliesPerSecond,
      wrong,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwrote ${fileURLToPath(out)}`);
