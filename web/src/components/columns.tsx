/** Column builders the usage, cost and quality tables share. */
import { formatCount, formatMs, formatUsd } from '../format';
import type { Column } from './sortable-table';

export function countColumn<Row>(key: string, label: string, get: (r: Row) => number): Column<Row> {
  return { key, label, numeric: true, value: get, render: (r) => formatCount(get(r)) };
}

export function usdColumn<Row>(key: string, label: string, get: (r: Row) => number): Column<Row> {
  return { key, label, numeric: true, value: get, render: (r) => formatUsd(get(r)) };
}

export function tokensColumn<
  Row extends { inputTokens: number; outputTokens: number },
>(): Column<Row> {
  return {
    key: 'tokens',
    label: 'Tokens in · out',
    numeric: true,
    value: (r) => r.inputTokens + r.outputTokens,
    render: (r) => `${formatCount(r.inputTokens)} · ${formatCount(r.outputTokens)}`,
  };
}

export function latencyColumns<Row extends { p50LatencyMs: number; p95LatencyMs: number }>(
  suffix = '',
): Column<Row>[] {
  return (['p50', 'p95'] as const).map((p) => ({
    key: p,
    label: `${p}${suffix}`,
    numeric: true,
    value: (r: Row) => (p === 'p50' ? r.p50LatencyMs : r.p95LatencyMs),
    render: (r: Row) => formatMs(p === 'p50' ? r.p50LatencyMs : r.p95LatencyMs),
  }));
}
