import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../audit/audit-log.js';
import { openStore } from '../../store/store.js';
import { runCliCaptured } from '../../../test/support/run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'shipgate-audit-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const cli = (argv: string[]) => runCliCaptured(argv, { SHIPGATE_HOME: home }, home);

describe('shipgate audit verify', () => {
  it('exit 0 on an intact chain, 1 naming the tampered entry', async () => {
    expect((await cli(['audit', 'verify'])).stdout).toBe('audit log is empty: nothing to verify\n');
    const store = await openStore(`sqlite:${join(home, 'shipgate.db')}`);
    try {
      const audit = createAuditLog({ store, includePrompts: false });
      for (let i = 0; i < 4; i += 1)
        audit.append({ actor: 'alice', action: 'generate', decisions: { i } });
      await audit.close();

      const ok = await cli(['audit', 'verify']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(
        /^audit log intact: 4 entries verified \(head: entry 4, hash [0-9a-f]{64}\)\n$/,
      );

      await sql`update audit_log set actor = 'mallory' where seq = 2`.execute(store.db);
      const bad = await cli(['audit', 'verify']);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('audit log TAMPERED at entry 2');
      const json = await cli(['audit', 'verify', '--format', 'json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        checked: 2,
        firstBadSeq: 2,
        headSeq: 1,
      });
    } finally {
      await store.close();
    }
  });
});
