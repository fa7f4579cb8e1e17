/** A line per service (or span name) over the page's window: latency series drawn as a trend chart, zoomable like every time chart. */
import type { LatencySeries } from '../../core/index.ts'
import type { TimeWindow } from '../filters/timeRange.ts'
import { assignServiceColors } from '../trace/serviceColors.ts'
import { seriesRows, type SeriesMetric } from './seriesRows.ts'
import { TrendChart } from './TrendChart.tsx'

/** Props of a series chart. */
export interface SeriesChartProps {
  readonly title: string
  readonly series: readonly LatencySeries[]
  readonly metric: SeriesMetric
  readonly stepSeconds: number
  readonly window: TimeWindow
  /** The value axis's label, with its unit: "p95 latency (ms)". */
  readonly axisLabel: string
  /** A value as the tooltip and ticks print it. */
  readonly format: (value: number) => string
  readonly onZoom?: (window: TimeWindow) => void
}

/** A time-series line chart of latency series. */
export function SeriesChart({ series, metric, stepSeconds, ...chart }: SeriesChartProps) {
  const colors = assignServiceColors(series.map((s) => s.name))
  return (
    <TrendChart
      {...chart}
      stepSeconds={stepSeconds}
      rows={seriesRows(series, metric, stepSeconds)}
      series={series.map((line) => ({ key: line.name, label: line.name, kind: 'line', color: colors.get(line.name) ?? 'var(--series-8)' }))}
    />
  )
}
