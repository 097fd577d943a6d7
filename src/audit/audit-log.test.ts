import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import {
  createTestDatabase,
  probePostgres,
  type TestDatabase,
} from '../store/test-support/postgres.js';
import { GENESIS_HASH } from './audit-chain.js';
import { canonicalJson } from './canonical-json.js';
import { createAuditLog, type AuditLog } from './audit-log.js';
import type { AuditPort } from '../server/ports.js';

const pgAdminUrl =
  process.env.SHIPGATE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const probe = await probePostgres(pgAdminUrl);

const writerScript = fileURLToPath(new URL('./test-support/append-writer.ts', import.meta.url));

interface Writer {
  ready: Promise<unknown>;
  go(): void;
  exit: Promise<number | null>;
}

/** Another Node process that appends `count` entries once `go()` is called. */
function startWriter(url: string, actor: string, count: number): Writer {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', writerScript, url, actor, String(count)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  return { ready: once(child.stdout, 'data'), go: () => child.stdin.end('go\n'), exit };
}

interface Target {
  url: string;
  dispose(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), 'shipgate-audit-'));
  return {
    url: `sqlite:${join(dir, 'audit.db')}`,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

function auditSuite(factory: () => Promise<Target>): void {
  let target: Target;
  let store: Store;
  const opened: AuditLog[] = [];
  const log = (options: Partial<Parameters<typeof createAuditLog>[0]> = {}): AuditLog => {
    const created = createAuditLog({ store, includePrompts: false, ...options });
    opened.push(created);
    return created;
  };

  beforeAll(async () => {
    target = await factory();
    store = await openStore(target.url);
  });
  afterAll(async () => {
    await Promise.all(opened.map((l) => l.close()));
    await store.close();
    await target.dispose();
  });
  beforeEach(async () => {
    await store.db.deleteFrom('audit_log').execute();
  });

  it('writes entries in order on a hash chain that verifies, and lists them newest first', async () => {
    let t = 1_000;
    const audit = log({ clock: { now: () => (t += 10) } });
    for (let i = 1; i <= 5; i += 1) {
      audit.append({
        actor: i % 2 ? 'alice' : 'bob',
        action: 'inference',
        route: '/v1/chat/completions',
        model: 'gpt',
        inputTokens: i,
        decisions: { cache: 'miss', n: i },
      });
    }
    await audit.flush();
    const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(await audit.verify()).toMatchObject({
      ok: true,
      checked: 5,
      headSeq: 5,
      headHash: rows[4]?.hash,
    });

    const listed = await audit.list({ actor: 'alice' });
    expect(listed.map((e) => e.seq)).toEqual([5, 3, 1]);
    expect(listed[0]).toMatchObject({
      at: 1_050,
      action: 'inference',
      model: 'gpt',
      detail: { inputTokens: 5, decisions: { cache: 'miss', n: 5 } },
    });
    expect((await audit.list({ since: 1_030, limit: 2 })).map((e) => e.seq)).toEqual([5, 4]);
    expect(await audit.list({ action: 'keys.create' })).toEqual([]);
  });

  it('detects a row whose detail was changed with SQL, naming it', async () => {
    const audit = log();
    for (let i = 0; i < 6; i += 1)
      audit.append({ actor: 'a', action: 'generate', decisions: { i } });
    await audit.flush();
    await sql`update audit_log set detail = ${'{"decisions":{"i":99}}'} where seq = 3`.execute(
      store.db,
    );
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: 3, checked: 3, headSeq: 2 });
    expect(result.reason).toContain('row 3');
  });

  it('detects a removed row at the next one', async () => {
    const audit = log();
    for (let i = 0; i < 4; i += 1) audit.append({ actor: 'a', action: 'validate' });
    await audit.flush();
    await sql`delete from audit_log where seq = 2`.execute(store.db);
    expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('keeps only the prompt hash unless includePrompts, and redacts stored prompts', async () => {
    log().append({ actor: 'a', action: 'inference', prompt: 'token=abc' });
    const withPrompts = log({
      includePrompts: true,
      redact: (text) => text.replace('abc', '[REDACTED]'),
    });
    withPrompts.append({
      actor: 'b',
      action: 'inference',
      prompt: 'token=abc',
      promptHash: 'given',
    });
    await withPrompts.flush();
    await Promise.all(opened.map((l) => l.flush()));
    const [b, a] = await withPrompts.list();
    expect(a?.detail).toEqual({ promptHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(b?.detail).toEqual({ promptHash: 'given', prompt: 'token=[REDACTED]' });
    expect((await withPrompts.verify()).ok).toBe(true);
  });

  it('stores each detail as canonical JSON text, with or without the prompt', async () => {
    const decisions = { z: 1, a: { y: [2, { c: 3, b: null }] }, 10: 'ten', 9: 'nine' };
    log().append({ actor: 'a', action: 'inference', decisions, outputTokens: 4, prompt: 'p' });
    const withPrompts = log({ includePrompts: true, redact: (text) => `${text}!` });
    withPrompts.append({ actor: 'b', action: 'inference', decisions, prompt: 'q', inputTokens: 1 });
    await Promise.all(opened.map((l) => l.flush()));
    const stored = await store.db
      .selectFrom('audit_log')
      .select(['actor', 'detail'])
      .orderBy('seq')
      .execute();
    expect(stored).toHaveLength(2);
    for (const { detail } of stored) expect(detail).toBe(canonicalJson(JSON.parse(detail)));
    // the two logs flush concurrently, so either row may come first
    const prompted = stored.find((row) => row.actor === 'b');
    expect(JSON.parse(prompted?.detail ?? '')).toMatchObject({ prompt: 'q!', decisions });
  });

  it('concurrent writers in separate processes keep one unbroken chain', async () => {
    const audit = log({ batchSize: 2 });
    const writers = [startWriter(target.url, 'one', 40), startWriter(target.url, 'two', 40)];
    await Promise.all(writers.map((w) => w.ready));
    writers.forEach((w) => w.go());
    for (let i = 0; i < 40; i += 1) {
      audit.append({ actor: 'parent', action: 'x', decisions: { i } });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await Promise.all(writers.map((w) => w.exit))).toEqual([0, 0]);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 120 });
    const seqs: number[][] = [];
    for (const actor of ['parent', 'one', 'two']) {
      const entries = await audit.list({ actor });
      expect(entries.map((e) => e.detail.decisions)).toEqual(
        Array.from({ length: 40 }, (_, i) => ({ i: 39 - i })),
      );
      seqs.push(entries.map((e) => e.seq));
    }
    // The writers really interleaved: each one's rows span another's.
    const [, one = [], two = []] = seqs;
    expect(Math.max(...one)).toBeGreaterThan(Math.min(...two));
    expect(Math.max(...two)).toBeGreaterThan(Math.min(...one));
  });
}

describe('audit log: sqlite', () => {
  auditSuite(sqliteTarget);

  it("redacts secrets in stored prompts with shipgate's redactor by default", async () => {
    const target = await sqliteTarget();
    const store = await openStore(target.url);
    try {
      const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
      const token = `ghp_${Array.from({ length: 36 }, (_, i) => pool[(i * 7) % pool.length]).join('')}`;
      const audit = createAuditLog({ store, includePrompts: true });
      audit.append({ actor: 'a', action: 'inference', prompt: `use ${token} please` });
      await audit.close();
      const [entry] = await audit.list();
      expect(entry?.detail.prompt).toBe('use [REDACTED:github-token:1] please');
      expect(
        JSON.stringify(await store.db.selectFrom('audit_log').selectAll().execute()),
      ).not.toContain(token);
    } finally {
      await store.close();
      await target.dispose();
    }
  });

  it('drops and counts entries past the queue bound, and retries a failed write', async () => {
    const target = await sqliteTarget();
    const store = await openStore(target.url);
    try {
      await sql`alter table audit_log rename to audit_log_away`.execute(store.db);
      const errors: unknown[] = [];
      const audit = createAuditLog({
        store,
        includePrompts: false,
        queueSize: 3,
        retryDelayMs: 20,
        onError: (e) => errors.push(e),
      });
      for (let i = 0; i < 5; i += 1) audit.append({ actor: 'a', action: 'x' });
      await audit.flush();
      expect(audit.stats()).toMatchObject({ queued: 3, written: 0, dropped: 2, writeFailures: 1 });
      expect(errors).toHaveLength(1);
      await sql`alter table audit_log_away rename to audit_log`.execute(store.db);
      await expect.poll(() => audit.stats().written, { timeout: 2_000 }).toBe(3);
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 3 });
      await audit.close();
    } finally {
      await store.close();
      await target.dispose();
    }
  });
});

describe.skipIf(!probe.available)(
  `audit log: postgres${probe.available ? '' : ` (skipped: ${probe.reason})`}`,
  () => {
    auditSuite(async (): Promise<TestDatabase> => createTestDatabase(pgAdminUrl));
  },
);

it("implements the server's AuditPort", () => {
  const port: AuditPort = createAuditLog({ store: {} as Store, includePrompts: false });
  expect(typeof port.append).toBe('function');
});
