/** Every bucket start from `since` to `until` (ISO), so a chart's time axis spans the range. */
export function bucketTimes(since: string, until: string, step: number): number[] {
  const first = Math.floor(Date.parse(since) / step) * step;
  const last = Date.parse(until);
  const out: number[] = [];
  for (let t = first; t <= last; t += step) out.push(t);
  return out;
}

/** A fixed palette, cycled, for charts with one series per name. */
export const palette = [
  '#3b82f6',
  '#ef4444',
  '#10b981',
  '#f59e0b',
  '#8b5cf6',
  '#06b6d4',
  '#ec4899',
];
