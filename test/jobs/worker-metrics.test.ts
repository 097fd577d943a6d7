/**
 * `shipgate worker --metrics-port`: a separate worker process (scale-out runs jobs
 * there, not in the server) exposes job latency, attempts and queue depth on
 * loopback, and the figures move when it finishes a job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insertJob } from '../../src/jobs/jobs-repo.js';
import {
  freePort,
  startShipgate,
  waitForOutput,
  writeConfig,
  type Proc,
} from '../../src/jobs/test-support/processes.js';
import { openStore } from '../../src/store/store.js';

describe('shipgate worker --metrics-port', () => {
  const root = mkdtempSync(join(tmpdir(), 'shipgate-worker-metrics-'));
  let worker: Proc | undefined;
  afterAll(async () => {
    await worker?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it(
    'serves the job metrics on 127.0.0.1 and counts the jobs it finishes',
    { timeout: 90_000 },
    async () => {
      const storage = `sqlite:${join(root, 'jobs.db')}`;
      const config = writeConfig(root, 'shipgate.config.yaml', {
        storage: { url: storage },
        jobs: { pollMs: 20 },
        home: root,
      });
      const store = await openStore(storage);
      const owner = { id: 'k1', name: 'ci' };
      const payload = {
        files: [{ path: 'a.ts', content: 'export const a = 1;\n' }],
        gates: ['complexity'],
      };
      await insertJob(store.db, { kind: 'validate', payload, owner, maxAttempts: 3 }, Date.now());
      const port = await freePort();
      worker = startShipgate(config, ['worker', '--metrics-port', String(port)], {}, root);
      await waitForOutput(worker, 'metrics on');
      const scrape = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      await expect
        .poll(scrape, { timeout: 30_000, interval: 200 })
        .toContain('shipgate_job_duration_seconds_count{kind="validate",state="succeeded"} 1');
      const text = await scrape();
      expect(text).toContain('shipgate_job_attempts_count{kind="validate",state="succeeded"} 1');
      expect(text).toContain('shipgate_jobs{state="succeeded"} 1');
      expect(text).toContain('shipgate_jobs{state="stalled"} 0');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
      await store.close();
    },
  );
});
