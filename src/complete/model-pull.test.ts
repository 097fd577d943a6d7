import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/support/run-cli.js';
import { fileNameFor, pullModel } from './model-pull.js';

const file = randomBytes(300_000);
const sha = createHash('sha256').update(file).digest('hex');
let server: Server;
let base: string;
let dir: string;
const ranges: Array<string | undefined> = [];
/** Requests (counted from the start) whose connection is cut after 64 KB of body. */
let cutFirst = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shipgate-pull-'));
  server = createServer((req, res) => {
    if (!req.url?.startsWith('/models/')) return void res.writeHead(404).end('not found');
    ranges.push(req.headers.range);
    const from = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (from >= file.length) return void res.writeHead(416).end();
    const body = file.subarray(from);
    res.writeHead(from > 0 ? 206 : 200, {
      'content-length': body.length,
      ...(from > 0 ? { 'content-range': `bytes ${from}-${file.length - 1}/${file.length}` } : {}),
    });
    if (cutFirst > 0) {
      cutFirst -= 1;
      res.write(body.subarray(0, 65_536), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('models pull', () => {
  it('resumes with Range after cut connections, checks sha256, renames atomically', async () => {
    ranges.length = 0;
    cutFirst = 2;
    const seen: number[] = [];
    const out = join(dir, 'a');
    const result = await pullModel({
      url: `${base}/models/tiny.gguf`,
      dir: out,
      sha256: sha,
      retryDelayMs: 1,
      onProgress: (n) => seen.push(n),
    });
    expect(result).toMatchObject({ bytes: file.length, sha256: sha, requests: 3, resumedFrom: 0 });
    // Each retry asks for the rest from what reached the disk (most of the 64 KB sent before the cut).
    const offsets = ranges.map((r) => Number(/^bytes=(\d+)-$/.exec(r ?? '')?.[1] ?? 0));
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBeGreaterThan(60_000);
    expect(offsets[2]).toBeGreaterThan((offsets[1] as number) + 60_000);
    expect(readFileSync(join(out, 'tiny.gguf')).equals(file)).toBe(true);
    expect(existsSync(join(out, 'tiny.gguf.part'))).toBe(false);
    expect(seen.at(-1)).toBe(file.length);
  });

  it('continues a .part left by an earlier run', async () => {
    ranges.length = 0;
    const out = join(dir, 'b');
    await pullModel({ url: `${base}/models/x.gguf`, dir: out, as: 'coder' }).catch(() => null);
    writeFileSync(join(out, 'coder.gguf.part'), file.subarray(0, 1000));
    rmSync(join(out, 'coder.gguf'));
    const result = await pullModel({ url: `${base}/models/x.gguf`, dir: out, as: 'coder' });
    expect(result.resumedFrom).toBe(1000);
    expect(ranges.at(-1)).toBe('bytes=1000-');
    expect(readFileSync(result.path).equals(file)).toBe(true);
  });

  it('CLI: a checksum mismatch deletes the download (exit 1); bad input exits 2', async () => {
    const env = { SHIPGATE_HOME: dir };
    const wrong = await runCliCaptured(
      ['models', 'pull', `${base}/models/m.gguf`, '--sha256', '0'.repeat(64)],
      env,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('sha256 mismatch');
    expect(existsSync(join(dir, 'models', 'm.gguf'))).toBe(false);
    expect(existsSync(join(dir, 'models', 'm.gguf.part'))).toBe(false);
    const ok = await runCliCaptured(
      ['models', 'pull', `${base}/models/m.gguf`, '--sha256', sha, '--format', 'json'],
      env,
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ bytes: file.length, sha256: sha });
    const missing = await runCliCaptured(['models', 'pull', `${base}/nothing.gguf`], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('answered 404');
    const badHex = await runCliCaptured(
      ['models', 'pull', `${base}/models/m.gguf`, '--sha256', 'xyz'],
      env,
    );
    expect(badHex.code).toBe(2);
    expect(() => fileNameFor('ftp://x/y.gguf')).toThrow(/http/);
    expect(() => fileNameFor('https://x/')).toThrow(/--as/);
  });
});
