/** The time range picker's choices: the API's `since` and the chart bucket that fits it. */
export const ranges = [
  { id: '1h', label: 'Last hour', bucket: '5m' },
  { id: '24h', label: 'Last 24 hours', bucket: '1h' },
  { id: '7d', label: 'Last 7 days', bucket: '1h' },
  { id: '30d', label: 'Last 30 days', bucket: '1d' },
] as const;

export type RangeId = (typeof ranges)[number]['id'];

export function bucketOf(range: RangeId): string {
  return ranges.find((r) => r.id === range)?.bucket ?? '1h';
}
