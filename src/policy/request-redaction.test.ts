import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecretDetector } from '../secrets/detect.js';
import { redactMessages, RequestRedaction } from './request-redaction.js';
import { StreamRestorer } from './stream-restorer.js';

const detector = createSecretDetector();
// Shapes of real credentials (random bodies), the kind users paste into prompts.
const github = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
const aws = 'AKIA' + 'QWERTYUIOPASDFGH';
const token2 = 'ghp_' + 'Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbAz';

describe('RequestRedaction', () => {
  it('masks secrets in every message with one placeholder per secret, and restores them', async () => {
    const { messages, redaction } = await redactMessages(detector, [
      { role: 'system', content: `deploy with token ${github}` },
      { role: 'user', content: `why does ${aws} fail? it worked with ${github} yesterday` },
    ]);
    const sent = messages.map((m) => m.content).join('\n');
    expect(sent).not.toContain(github);
    expect(sent).not.toContain(aws);
    const placeholders = Object.keys(redaction.entries);
    expect(placeholders).toHaveLength(2);
    expect(sent.split(placeholders[0]!).length - 1).toBe(2); // same secret → same placeholder
    expect(redaction.restore(sent)).toBe(
      `deploy with token ${github}\nwhy does ${aws} fail? it worked with ${github} yesterday`,
    );
  });

  it('never reuses a placeholder string that is already in the request', async () => {
    const r = new RequestRedaction(detector, ['[REDACTED:github-token:1] is literal text']);
    const out = await r.redact(`key ${github}`);
    expect(out).not.toContain('[REDACTED:github-token:1]');
    expect(r.restore(out)).toBe(`key ${github}`);
  });

  it('redacts strings anywhere in JSON (tool arguments)', async () => {
    const r = new RequestRedaction(detector, []);
    const args = await r.redactJson({ cmd: 'curl', headers: [`Authorization: Bearer ${token2}`] });
    expect(JSON.stringify(args)).not.toContain(token2);
    expect(r.restore(JSON.stringify(args))).toContain(token2);
  });
});

describe('StreamRestorer', () => {
  const entries = { '[REDACTED:github-token:1]': github, '[REDACTED:aws-access-key-id:1]': aws };
  const answer =
    'Use [REDACTED:github-token:1] here, [not a placeholder], [REDACTED:aws-access-key-id:1] and [REDACTED:gith';
  const expected = `Use ${github} here, [not a placeholder], ${aws} and [REDACTED:gith`;

  it('restores a placeholder split at every character boundary', () => {
    for (let k = 0; k <= answer.length; k++) {
      const r = new StreamRestorer(entries);
      const out = r.push(answer.slice(0, k)) + r.push(answer.slice(k)) + r.flush();
      expect(out, `split at ${k}`).toBe(expected);
    }
  });

  it('fuzz: any chunking gives the restored text, with 0 placeholders left', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: answer.length }), { maxLength: 12 }),
        (cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const r = new StreamRestorer(entries);
          let out = '';
          let prev = 0;
          for (const p of [...points, answer.length]) {
            out += r.push(answer.slice(prev, p));
            prev = p;
          }
          out += r.flush();
          expect(out).toBe(expected);
          expect(out).not.toMatch(/\[REDACTED:(github-token|aws-access-key-id):1\]/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('holds back only what could start a placeholder', () => {
    const r = new StreamRestorer(entries);
    expect(r.push('abc [RED')).toBe('abc ');
    expect(r.push('X] done')).toBe('[REDX] done');
    expect(r.push('[')).toBe('');
    expect(r.flush()).toBe('[');
  });
});
