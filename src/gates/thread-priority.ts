import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * The largest increment: nice 19, the kernel's lowest priority. Gate workers run there
 * so the thread that serves HTTP wins every wake-up against them (ADR 0010 amendment);
 * idle cores still go to them in full.
 */
export const lowestPriority = 19;

/**
 * Lowers the scheduling priority of the calling thread only (Linux: `setpriority` on the
 * thread id read from /proc/thread-self), so CPU-heavy gate workers yield the cores to
 * the main thread's event loop — the gateway's /v1 traffic — under load. A no-op where
 * the platform has no per-thread priority or refuses the change.
 */
export function lowerThreadPriority(increment: number): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return;
    setPriority(tid, Math.min(19, getPriority(tid) + increment));
  } catch {
    // not permitted or not available: run at normal priority
  }
}
