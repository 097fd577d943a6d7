import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTypecheckClient } from './typecheck-client.js';
import { tempProjects } from './test-support/gate-projects.js';
import { niceOf } from './test-support/thread-nice.js';
import { lowestPriority } from './thread-priority.js';

const { project, cleanup } = tempProjects('sg-typecheck-priority-');
afterAll(cleanup);

/** The nice value of every thread of this process. */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => niceOf(`/proc/self/task/${tid}/stat`));
}

/** Nice values of this process's threads while a typecheck worker is running a check. */
async function nicesDuringCheck(background: boolean): Promise<number[]> {
  const root = project({ 'package.json': '{"type":"module"}' });
  const client = createTypecheckClient({ background });
  try {
    const path = join(root, 'a.ts');
    await client.check({
      root,
      files: [{ path, content: 'export const a = 1;\n' }],
      suggestions: false,
    });
    expect(client.unavailable()).toBe(false);
    return threadNices();
  } finally {
    await client.close();
  }
}

describe.skipIf(process.platform !== 'linux')(
  'typecheck worker priority (Linux only: per-thread priority)',
  () => {
    it("the server's worker (background) runs at the lowest priority", async () => {
      expect(await nicesDuringCheck(true)).toContain(lowestPriority);
    });

    it("the CLI's worker keeps the process's priority, beside the user's other processes", async () => {
      expect(await nicesDuringCheck(false)).not.toContain(lowestPriority);
    });
  },
);
