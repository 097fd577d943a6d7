import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeCount } from './bpe-count.js';
import { heapMergeCount } from './heap-merge.js';
import { createCounter, o200kCounter } from './o200k.js';
import { loadRankTable } from './rank-table.js';

const reference = createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
};
const asText = { disallowedSpecial: new Set<string>() };

/** A seeded generator, so a failure names texts that can be made again. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

function mixedTexts(count: number): string[] {
  const next = random(7);
  const texts: string[] = [];
  for (let t = 0; t < count; t++) {
    let text = '';
    const length = Math.floor(next() * 80);
    for (let i = 0; i < length; i++) {
      const ascii = next() < 0.7;
      text += String.fromCodePoint(
        ascii ? 9 + Math.floor(next() * 118) : Math.floor(next() * 0x2ffff),
      );
    }
    texts.push(text);
  }
  return texts;
}

describe('o200k counter', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("counts exactly as gpt-tokenizer's o200k_base on code, prose and random Unicode", () => {
    const count = o200kCounter();
    const here = import.meta.dirname;
    const files = readdirSync(join(here, '..')).filter((f) => f.endsWith('.ts'));
    const texts = [
      ...files.map((f) => readFileSync(join(here, '..', f), 'utf8')),
      ...mixedTexts(1500),
      '<|endoftext|> special-token text <|fim_prefix|>',
      '\ud800 lone \udfff surrogates \ud83d',
      '😀🎉 emoji 日本語のテキスト Ünïcödé Ελληνικά',
      ' '.repeat(300) + 'x',
      'a'.repeat(3000),
      '\r\n\r\n\t\t  ',
      '',
    ];
    // gpt-tokenizer drops a byte-order mark while merging (its decoder strips it): see below
    const comparable = texts.filter((t) => !t.includes('\ufeff'));
    const mismatched = comparable.filter((t) => count(t) !== reference.countTokens(t, asText));
    expect(mismatched.slice(0, 3)).toEqual([]);
  });

  it('counts a byte-order mark by its bytes, as tiktoken does (the vocabulary has BOM + "using")', () => {
    const count = o200kCounter();
    expect(count('\ufeffusing')).toBe(1);
    expect(reference.countTokens('\ufeffusing', asText)).toBe(3);
  });

  it('merges long pieces with the heap exactly as the scan does, and in linear-log time', () => {
    const table = loadRankTable(
      createRequire(import.meta.url).resolve('gpt-tokenizer/data/o200k_base.tiktoken'),
    );
    const next = random(11);
    for (let t = 0; t < 200; t++) {
      const length = 2 + Math.floor(next() * 600);
      const alphabet = 2 + Math.floor(next() * 40);
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = 97 + Math.floor(next() * Math.min(alphabet, 26));
      const scratch = { starts: new Int32Array(length + 1), ranks: new Int32Array(length + 1) };
      expect(heapMergeCount(table, bytes, length)).toBe(mergeCount(table, bytes, length, scratch));
    }
    const word = Array.from({ length: 3000 }, (_, i) =>
      String.fromCharCode(97 + ((i * 7919) % 26)),
    );
    expect(o200kCounter()(word.join(''))).toBe(reference.countTokens(word.join(''), asText));
    // a hostile prompt: 256 KB of letters and no space is one piece (the scan took ~40 s)
    const started = performance.now();
    expect(o200kCounter()('ab'.repeat(128 * 1024))).toBeGreaterThan(1000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('finds whole tokens and rejects byte runs that are none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ranks-'));
    dirs.push(dir);
    const file = join(dir, 'tiny.tiktoken');
    const line = (text: string, rank: number) => `${Buffer.from(text).toString('base64')} ${rank}`;
    writeFileSync(
      file,
      [line('a', 0), line('b', 1), line('ab', 2), 'not a rank line', ''].join('\n'),
    );
    const table = loadRankTable(file);
    const bytes = Buffer.from('abba');
    expect(table.size).toBe(3);
    expect(table.rankOf(bytes, 0, 2)).toBe(2);
    expect(table.rankOf(bytes, 1, 3)).toBe(-1);
    expect(createCounter(table)('ab')).toBe(1);
    expect(createCounter(table)('abba')).toBe(3); // ab + b + a
  });

  it('says which file holds no ranks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ranks-'));
    dirs.push(dir);
    const file = join(dir, 'empty.tiktoken');
    writeFileSync(file, 'nothing here\n');
    expect(() => loadRankTable(file)).toThrow(/empty\.tiktoken holds no BPE ranks/);
  });
});
