/**
 * Announces committed job ids on the queue (BullMQ) off the answer's path: ids are
 * gathered for `windowMs` and sent in one `addBulk`, after the 202s are written. Under
 * a stream of submissions that is one Redis round trip (and one set of BullMQ commands
 * to build) per window instead of one per job; a job starts at most `windowMs` later.
 * A lost announcement is recovered by the workers' sweep of queued rows (bullmq.ts).
 */
import type { JobQueue } from './job-system.js';

export interface Announcer {
  announce(ids: readonly string[]): void;
  /** Sends what is gathered now and waits for every announcement in flight. */
  flush(): Promise<void>;
}

export function createAnnouncer(queue: JobQueue | undefined, windowMs: number): Announcer {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  const send = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (!queue || pending.length === 0) return;
    const ids = pending;
    pending = [];
    const sent: Promise<void> = queue
      .enqueue(ids)
      .catch(() => undefined)
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  };

  return {
    announce(ids) {
      if (!queue || ids.length === 0) return;
      pending.push(...ids);
      timer ??= setTimeout(send, windowMs);
    },
    async flush() {
      send();
      await Promise.all(inFlight);
    },
  };
}
