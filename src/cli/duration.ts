import { ErrorCode, ShipgateError } from '../errors.js';

const units: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `7d`, `24h`, `30m`, `2w` → epoch ms that long before `now`; an ISO date is taken as is. */
export function parseSince(value: string, now = Date.now()): number {
  const relative = /^(\d+)([smhdw])$/.exec(value.trim());
  if (relative) return now - Number(relative[1]) * units[relative[2] as keyof typeof units]!;
  const absolute = Date.parse(value);
  if (!Number.isNaN(absolute)) return absolute;
  throw new ShipgateError(
    ErrorCode.BadRequest,
    `--since must be a duration like 7d, 24h or 30m, or an ISO date (got "${value}")`,
  );
}
