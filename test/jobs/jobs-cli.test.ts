import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertJob } from '../../src/jobs/jobs-repo.js';
import { openStore } from '../../src/store/store.js';
import { runCliCaptured } from '../support/run-cli.js';

describe('shipgate jobs list|show|cancel|retry', () => {
  let home: string;
  let env: Record<string, string>;
  let id: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'shipgate-jobs-cli-'));
    env = { SHIPGATE_HOME: home };
    const store = await openStore(`sqlite:${join(home, 'shipgate.db')}`);
    const owner = { id: 'k1', name: 'ci-bot' };
    id = (
      await insertJob(
        store.db,
        { kind: 'generate', payload: { spec: 'x' }, owner, maxAttempts: 3 },
        Date.now(),
      )
    ).id;
    await store.close();
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('lists, shows, cancels and retries a job; JSON is one document', async () => {
    const list = await runCliCaptured(['jobs', 'list', '--format', 'json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({
      jobs: [{ id, kind: 'generate', state: 'queued', owner: 'ci-bot' }],
    });
    const cancelled = await runCliCaptured(['jobs', 'cancel', id, '--format', 'json'], env);
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ id, state: 'cancelled' });
    // cancelling is idempotent, like DELETE; a cancelled job is retried, a queued one is not
    expect((await runCliCaptured(['jobs', 'cancel', id], env)).code).toBe(0);
    const retried = await runCliCaptured(['jobs', 'retry', id, '--format', 'json'], env);
    expect(JSON.parse(retried.stdout)).toMatchObject({ id, state: 'queued', attempts: 0 });
    const twice = await runCliCaptured(['jobs', 'retry', id], env);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/only failed or cancelled jobs can be retried/);
    const shown = await runCliCaptured(['jobs', 'show', id], env);
    expect(shown.stdout).toContain(`${id}  generate  queued`);
  });

  it('an unknown id or state is a usage error (exit 2) saying what to fix', async () => {
    const missing = await runCliCaptured(['jobs', 'show', 'job_missing'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no job job_missing/);
    const badState = await runCliCaptured(['jobs', 'list', '--state', 'done'], env);
    expect(badState.code).toBe(2);
  });
});
