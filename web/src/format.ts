const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 4,
});
const count = new Intl.NumberFormat('en-US');

export function formatUsd(value: number): string {
  return usd.format(value);
}

export function formatMicros(micros: number): string {
  return usd.format(micros / 1e6);
}

export function formatCount(value: number): string {
  return count.format(value);
}

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return `${(ratio * 100).toFixed(1)}%`;
}

export function formatTime(iso: string | number): string {
  return new Date(iso).toISOString().replace('T', ' ').slice(0, 19);
}
