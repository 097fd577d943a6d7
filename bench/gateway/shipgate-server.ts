/**
 * shipgate under test (own process): a runtime over a fresh SQLite store in a temp
 * dir, auth on (one key), metering and the audit log on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditLog } from '../../src/audit/audit-log.js';
import { parseConfig } from '../../src/config/load.js';
import { createRuntime } from '../../src/runtime.js';
import { createAuth } from '../../src/server/auth/auth.js';
import { createServer } from '../../src/server/create-server.js';

const upstreamPort = Number(process.argv[2]);
const home = mkdtempSync(join(tmpdir(), 'shipgate-bench-'));
const config = parseConfig(
  {
    home,
    providers: {
      openai: {
        kind: 'openai',
        baseUrl: `http://127.0.0.1:${upstreamPort}/v1`,
        apiKey: 'sk-bench',
      },
    },
    models: {
      bench: { provider: 'openai', model: 'gpt-4o-mini' },
      stall: { provider: 'openai', model: 'stall' },
    },
    logging: { level: 'silent' },
  },
  'bench',
);
const runtime = await createRuntime(config);
const auth = createAuth({ store: runtime.store });
const { key } = await auth.createKey({ name: 'bench', role: 'admin' });
const audit = createAuditLog({ store: runtime.store, includePrompts: false });
// TODO(lead): add `metrics: createMetrics({ gateway })` once src/metrics exists.
const app = await createServer({ runtime, auth, audit });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ port: Number(new URL(url).port), key })}\n`);
const stop = async (): Promise<void> => {
  await app.close();
  await audit.close();
  await runtime.close();
  rmSync(home, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
