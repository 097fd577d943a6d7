import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

interface ChartProps {
  title: string;
  /** Epoch ms of each point. */
  times: number[];
  series: ChartSeries[];
  format?: (value: number) => string;
}

function width(element: HTMLElement): number {
  return Math.max(240, Math.floor(element.clientWidth));
}

/** A time-series line chart (uPlot) that resizes with its container. */
export function Chart({ title, times, series, format }: ChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: width(element),
      height: 220,
      legend: { show: true },
      scales: { x: { time: true } },
      axes: [
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
        {
          stroke: 'currentColor',
          grid: { stroke: 'rgba(128,128,128,0.2)' },
          size: 70,
          values: (_u, ticks) => ticks.map((v) => (format ? format(v) : String(v))),
        },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          spanGaps: false,
          points: { show: s.values.filter((v) => v !== null).length < 3 },
          value: (_u: uPlot, v: number | null) =>
            v === null ? '—' : format ? format(v) : String(v),
        })),
      ],
    };
    const data: uPlot.AlignedData = [times.map((t) => t / 1000), ...series.map((s) => s.values)];
    const plot = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => plot.setSize({ width: width(element), height: 220 }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [times, series, format]);
  const summary = series.map((s) => `${s.label}: ${s.values.length} points`).join(', ');
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={holder} role="img" aria-label={`${title} over time (${summary})`} />
    </figure>
  );
}
