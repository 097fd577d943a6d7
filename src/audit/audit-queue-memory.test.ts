import { hash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import { createAuditLog } from './audit-log.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsedMb(): number {
  gc();
  gc();
  return getHeapStatistics().used_heap_size / 1e6;
}

describe('audit queue memory', () => {
  it('holds prompt hashes, not prompt bodies, while the store cannot be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipgate-audit-mem-'));
    const store = await openStore(`sqlite:${join(dir, 'audit.db')}`);
    try {
      // a locked-out table: every write fails and the entries wait in the queue
      await sql`alter table audit_log rename to audit_log_away`.execute(store.db);
      const audit = createAuditLog({ store, includePrompts: false, retryDelayMs: 60_000 });
      const before = heapUsedMb();
      const prompts: string[] = [];
      for (let i = 0; i < 300; i += 1) {
        const prompt = `${i}:`.padEnd(200_000, String.fromCharCode(97 + (i % 26)));
        if (i < 3) prompts.push(prompt);
        audit.append({ actor: 'a', action: 'inference', prompt });
      }
      await audit.flush();
      expect(audit.stats()).toMatchObject({ queued: 300, written: 0 });
      // 300 prompts of 200 KB are 60 MB; 300 queued hashes are well under 1 MB
      expect(heapUsedMb() - before).toBeLessThan(10);
      await sql`alter table audit_log_away rename to audit_log`.execute(store.db);
      await audit.close();
      const written = await audit.list({ limit: 1000 });
      expect(written).toHaveLength(300);
      const oldest = written.slice(-3).reverse();
      expect(oldest.map((e) => e.detail.promptHash)).toEqual(
        prompts.map((p) => hash('sha256', p, 'hex')),
      );
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
