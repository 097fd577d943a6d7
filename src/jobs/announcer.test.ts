import { describe, expect, it } from 'vitest';
import { createAnnouncer } from './announcer.js';
import type { JobQueue } from './job-system.js';

function recordingQueue(fail = false) {
  const sent: string[][] = [];
  const queue: JobQueue = {
    enqueue: async (ids) => {
      sent.push([...ids]);
      if (fail) throw new Error('redis is down');
    },
    remove: async () => undefined,
    depth: async () => 0,
    close: async () => undefined,
  };
  return { queue, sent };
}

describe('job announcer', () => {
  it('sends the ids gathered within the window in one enqueue, after it', async () => {
    const { queue, sent } = recordingQueue();
    const announcer = createAnnouncer(queue, 20);
    announcer.announce(['a']);
    announcer.announce(['b', 'c']);
    expect(sent).toEqual([]);
    await new Promise((r) => setTimeout(r, 40));
    announcer.announce(['d']);
    await expect.poll(() => sent).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('flush sends at once and waits; a failed enqueue is left to the workers’ sweep', async () => {
    const { queue, sent } = recordingQueue(true);
    const announcer = createAnnouncer(queue, 60_000);
    announcer.announce(['x']);
    await announcer.flush();
    expect(sent).toEqual([['x']]);
    await announcer.flush(); // nothing pending: no empty enqueue
    expect(sent).toEqual([['x']]);
  });
});
