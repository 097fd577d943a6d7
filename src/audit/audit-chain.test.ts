import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/seeded-random.js';
import {
  chain,
  GENESIS_HASH,
  rowContentJson,
  rowHash,
  type AuditRowContent,
} from './audit-chain.js';
import { canonicalJson } from './canonical-json.js';

/** The chain's definition as first written: sha256(prev_hash, canonical JSON of the content). */
function definedHash(prevHash: string, row: AuditRowContent): string {
  const { seq, at, actor, action, route, model, detail } = row;
  const content = canonicalJson({ seq, at, actor, action, route, model, detail });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

const awkward = ['', '"', '\\', '\n\t', '\u2028', '\ud800', 'é', '😀', '</script>', '{"a":1}'];

function text(random: () => number): string {
  let out = '';
  const length = Math.floor(random() * 6);
  for (let i = 0; i < length; i += 1) {
    out +=
      random() < 0.3
        ? (awkward[Math.floor(random() * awkward.length)] ?? '')
        : String.fromCharCode(Math.floor(random() * 0x3000));
  }
  return out;
}

function number(random: () => number): number {
  const kinds = [0, -0, 1, 2 ** 53 - 1, 1.5e300, -7, Number.NaN, Infinity, Date.now()];
  return random() < 0.5
    ? (kinds[Math.floor(random() * kinds.length)] ?? 0)
    : Math.floor(random() * 1e13);
}

/** Rows as the writer and `verify` see them, plus values of the wrong type (general path). */
function row(random: () => number): AuditRowContent {
  const maybe = (): string | null => (random() < 0.3 ? null : text(random));
  const odd = random() < 0.1;
  return {
    seq: odd ? (String(number(random)) as unknown as number) : number(random),
    at: number(random),
    actor: text(random),
    action: text(random),
    route: odd && random() < 0.5 ? (undefined as unknown as null) : maybe(),
    model: maybe(),
    detail: random() < 0.5 ? canonicalJson({ k: text(random), n: number(random) }) : text(random),
  };
}

describe('audit chain hashes', () => {
  it('writes the content exactly as canonicalJson does, on 20,000 generated rows', () => {
    const random = seededRandom(20_261_207);
    for (let i = 0; i < 20_000; i += 1) {
      const r = row(random);
      const { seq, at, actor, action, route, model, detail } = r;
      const expected = canonicalJson({ seq, at, actor, action, route, model, detail });
      expect(rowContentJson(r), JSON.stringify(r)).toBe(expected);
    }
  });

  it('hashes each row as the chain was defined: sha256(prev_hash, content)', () => {
    const random = seededRandom(7);
    let prev = GENESIS_HASH;
    for (let i = 0; i < 2_000; i += 1) {
      const r = row(random);
      const hash = rowHash(prev, r);
      expect(hash).toBe(definedHash(prev, r));
      prev = hash;
    }
  });

  it('continues after the last row: next seqs, each prev_hash the hash before it', () => {
    const rows = [
      { at: 1, actor: 'a', action: 'inference', route: '/v1/x', model: 'm', detail: '{}' },
      { at: 2, actor: 'b', action: 'keys.create', route: null, model: null, detail: '{"n":1}' },
    ];
    const chained = chain(rows, { seq: 41, hash: 'f'.repeat(64) });
    expect(chained.map((r) => r.seq)).toEqual([42, 43]);
    expect(chained[0]?.prev_hash).toBe('f'.repeat(64));
    expect(chained[1]?.prev_hash).toBe(chained[0]?.hash);
    expect(chained[1]?.hash).toBe(definedHash(chained[0]?.hash ?? '', { ...rows[1]!, seq: 43 }));
  });
});
