/** A line per service (or span name) over the page's window, with a time axis and a labelled value axis. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { LatencySeries } from '../../core/index.ts'
import { formatAxisTime, formatTimestamp, localTimeZone } from '../format/time.ts'
import type { TimeWindow } from '../filters/timeRange.ts'
import { assignServiceColors } from '../trace/serviceColors.ts'
import { seriesRows, type SeriesMetric } from './seriesRows.ts'
import { timeTicks } from './timeTicks.ts'

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
}

/** A time-series line chart. */
export function SeriesChart({ title, series, metric, stepSeconds, window, axisLabel, format }: SeriesChartProps) {
  const rows = seriesRows(series, metric, stepSeconds)
  const colors = assignServiceColors(series.map((s) => s.name))
  const windowMs = window.toMs - window.fromMs
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 18, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={[window.fromMs, window.toMs]}
            ticks={timeTicks(window.fromMs, window.toMs)}
            tickFormatter={(ms: number) => formatAxisTime(ms, windowMs)}
            tick={{ fontSize: 12 }}
            label={{
              value: `time (${localTimeZone()}), ${Math.round(stepSeconds)} s buckets`,
              position: 'insideBottom',
              offset: -12,
              fontSize: 12,
            }}
          />
          <YAxis
            tickFormatter={(value: number) => format(value)}
            tick={{ fontSize: 12 }}
            width={72}
            label={{ value: axisLabel, angle: -90, position: 'insideLeft', style: { textAnchor: 'middle', fontSize: 12 } }}
          />
          <Tooltip
            labelFormatter={(ms) => formatTimestamp(new Date(Number(ms)).toISOString())}
            formatter={(value, name) => [format(Number(value)), name]}
          />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 6 }} />
          {series.map((line) => (
            <Line
              key={line.name}
              name={line.name}
              dataKey={(row: Record<string, number | undefined>) => row[line.name]}
              stroke={colors.get(line.name)}
              strokeWidth={2}
              dot={rows.length < 4}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
}
