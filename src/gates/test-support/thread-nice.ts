import { readFileSync } from 'node:fs';

/** A thread's nice value, from its /proc stat line (field 19; Linux only). */
export function niceOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}
