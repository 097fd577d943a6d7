/**
 * The page cache of each SQLite connection shipgate opens. SQLite's own default is
 * 2 MB; better-sqlite3 builds it with 16 MB, and the writer thread, appending usage
 * and audit rows, fills all of it: 15 MB of the server's RSS under bench:gateway,
 * for pages the OS page cache holds anyway (ADR 0048). Its own module so the writer
 * thread can import it without Kysely.
 */
export const DEFAULT_SQLITE_CACHE_MB = 2;

/** The `cache_size` pragma for `cacheMb` megabytes (a negative size is in KiB). */
export function cacheSizePragma(cacheMb: number | undefined): string {
  return `cache_size = -${Math.trunc((cacheMb ?? DEFAULT_SQLITE_CACHE_MB) * 1024)}`;
}
