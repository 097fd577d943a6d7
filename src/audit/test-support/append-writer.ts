/**
 * A separate writer process for the audit concurrency test:
 * `node --import tsx append-writer.ts <storage-url> <actor> <count>` appends
 * `count` entries as `actor`, one every 5 ms, then exits. It prints "ready" once
 * its store is open and starts when a line arrives on stdin, so that several
 * writers really run at the same time.
 */
import { once } from 'node:events';
import { openStore } from '../../store/store.js';
import { auditOps } from '../audit-writer.js';
import { createAuditLog } from '../audit-log.js';

const [url, actor, countText] = process.argv.slice(2);
if (url === undefined || actor === undefined || countText === undefined) {
  throw new Error('usage: append-writer.ts <storage-url> <actor> <count>');
}
const store = await openStore(url);
const audit = createAuditLog({ store, includePrompts: false, batchSize: 3 });
// Ready means the writer thread (SQLite files) is up too: from source it takes a while to boot.
await store.background?.warm([auditOps]);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
for (let i = 0; i < Number(countText); i += 1) {
  audit.append({ actor, action: 'x', decisions: { i } });
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await audit.close();
const failures = audit.stats().writeFailures;
await store.close();
process.exitCode = failures === 0 ? 0 : 1;
