import { ErrorCode, ShipgateError } from '../../errors.js';

const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `7d`, `24h`, `30m`, `90s` (relative to now) or an ISO date → epoch ms. */
export function sinceToEpochMs(since: string, now: number): number {
  const relative = /^(\d+)([smhd])$/.exec(since);
  if (relative) {
    const unit = relative[2] as keyof typeof unitMs;
    return now - Number(relative[1]) * unitMs[unit];
  }
  const at = Date.parse(since);
  if (Number.isNaN(at))
    throw new ShipgateError(ErrorCode.BadRequest, `since "${since}" is not a valid date`);
  return at;
}
