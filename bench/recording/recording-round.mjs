// One round of bench/recording/run.ts, in plain JavaScript so that it can load any
// checkout's dist/: `node recording-round.mjs ROOT REQUESTS` prints
// { cpuUsPerRequest, wallUsPerRequest } for REQUESTS audit entries plus usage records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [root, count] = process.argv.slice(2);
const requests = Number(count);
const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { openStore } = await dist('store/store.js');
const { createAuditLog } = await dist('audit/audit-log.js');
const { timeOrderedUuid } = await dist('lib/time-ordered-id.js');

/** What the gateway appends for one inference call (src/server/call-effects.ts). */
const auditEntry = (i) => ({
  actor: 'bench',
  action: 'inference',
  route: '/v1/chat/completions',
  model: 'bench',
  inputTokens: 12,
  outputTokens: 40,
  decisions: { attempts: 1, cache: 'miss', requestId: timeOrderedUuid() },
  prompt: `user: question number ${i}`,
});

/** What metering records for it (src/gateway/call-result.ts). */
const usageRecord = () => ({
  id: timeOrderedUuid(),
  startedAt: Date.now(),
  provider: 'openai',
  model: 'bench',
  task: 'chat',
  caller: 'key:bench',
  attempts: 1,
  cacheHit: false,
  status: 'ok',
  latencyMs: 3,
  ttftMs: null,
  inputTokens: 12,
  outputTokens: 40,
  cachedInputTokens: 0,
  costMicros: 30,
  estimated: false,
});

const dir = mkdtempSync(join(tmpdir(), 'shipgate-recording-'));
const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
const audit = createAuditLog({ store, includePrompts: false, minFlushIntervalMs: 100 });
try {
  // the writer thread starts and loads its ops modules outside the timed part
  audit.append(auditEntry(0));
  await audit.flush();
  await store.usage.insertMany([usageRecord()]);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const usageBatch = 200;
  for (let done = 0; done < requests; done += usageBatch) {
    const n = Math.min(usageBatch, requests - done);
    for (let i = 0; i < n; i += 1) audit.append(auditEntry(done + i));
    await store.usage.insertMany(Array.from({ length: n }, usageRecord));
  }
  await audit.flush();
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      cpuUsPerRequest: (cpu.user + cpu.system) / requests,
      wallUsPerRequest: ((performance.now() - wall0) * 1000) / requests,
    }),
  );
} finally {
  await audit.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
