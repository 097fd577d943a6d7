import { rmSync } from 'node:fs';

/**
 * Every child process shipgate starts leads its own process group (spawned detached),
 * and its temp folder is registered here while it lives. When this process exits —
 * normally, on an uncaught error, or through the CLI's SIGINT/SIGTERM handling — the
 * groups still alive are SIGKILLed and the folders removed, synchronously, so nothing
 * is left running under PID 1 or lying in the temp directory.
 */
const groups = new Set<number>();
const tempDirs = new Set<string>();
let installed = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function cleanUpAll(): void {
  for (const pid of groups) killGroup(pid);
  groups.clear();
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort at exit
    }
  }
  tempDirs.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', cleanUpAll);
}

/** Registers a live child's process group (its pid, as it was spawned detached). */
export function trackGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  install();
  groups.add(pid);
}

/** SIGKILLs the child's whole process group and stops tracking it. */
export function killTrackedGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  killGroup(pid);
  groups.delete(pid);
}

/** The child exited: its group is no longer ours to kill. */
export function forgetGroup(pid: number | undefined): void {
  if (pid !== undefined) groups.delete(pid);
}

export function trackTempDir(dir: string): void {
  install();
  tempDirs.add(dir);
}

export function forgetTempDir(dir: string): void {
  tempDirs.delete(dir);
}

/** Number of live tracked groups and folders (tests, diagnostics). */
export function trackedCounts(): { groups: number; tempDirs: number } {
  return { groups: groups.size, tempDirs: tempDirs.size };
}
