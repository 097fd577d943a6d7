import { InvalidArgumentError } from 'commander';

/** Longest grace period `serve --shutdown-ms` accepts: one hour. */
export const maxShutdownMs = 3_600_000;

/** `serve --shutdown-ms`: whole milliseconds from 0 (close at once) to one hour. */
export function parseShutdownMs(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(ms) || ms > maxShutdownMs)
    throw new InvalidArgumentError(
      `must be whole milliseconds from 0 to ${maxShutdownMs} (got "${value}"), e.g. --shutdown-ms 30000`,
    );
  return ms;
}
