/** Nearest-rank percentile of an unsorted sample (sorted copy). */
export function percentile(sample: number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function fmtUs(ms: number): string {
  return `${(ms * 1000).toFixed(1)} µs`;
}
