/**
 * Latency series as chart rows: one row per time bucket with a column per series, so recharts
 * draws a line per service (or span name). A bucket without spans has no value, and the line
 * shows a gap there instead of a made-up zero.
 */
import type { LatencyPoint, LatencySeries } from '../../core/index.ts'
import { mergeRows, type TrendRow } from './trendSeries.ts'

/** What a chart plots from each bucket. */
export type SeriesMetric = 'p50' | 'p95' | 'p99' | 'errorRate' | 'throughput'

/** The percentiles a reader can pick. */
export const PERCENTILES = ['p50', 'p95', 'p99'] as const

/** One chart row: the bucket's start in epoch ms and a value per series name. */
export type SeriesRow = TrendRow

/** A bucket's value for a metric: milliseconds, a percentage of spans in error, or spans per minute. */
export function metricValue(point: LatencyPoint, metric: SeriesMetric, stepSeconds: number): number | undefined {
  switch (metric) {
    case 'p50':
      return point.p50Ms
    case 'p95':
      return point.p95Ms
    case 'p99':
      return point.p99Ms
    case 'errorRate':
      return point.count > 0 ? (point.errors / point.count) * 100 : undefined
    case 'throughput':
      return (point.count / stepSeconds) * 60
  }
}

/** Rows for the series given, oldest bucket first. */
export function seriesRows(series: readonly LatencySeries[], metric: SeriesMetric, stepSeconds: number): SeriesRow[] {
  return mergeRows(
    series.flatMap((line) =>
      line.points.map((point) => ({ key: line.name, at: Date.parse(point.at), value: metricValue(point, metric, stepSeconds) })),
    ),
  )
}

/** The busiest series, for a chart that stays readable; the table beside it lists them all. */
export function busiestSeries(series: readonly LatencySeries[], limit: number): LatencySeries[] {
  return [...series].sort((a, b) => b.total.count - a.total.count || a.name.localeCompare(b.name)).slice(0, limit)
}
