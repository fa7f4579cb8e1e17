/**
 * A chart over the page's window: lines, step lines (running totals) and stacked bars on a time
 * axis, with a labelled value axis. Dragging across it selects a stretch of time to zoom to.
 */
import { useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { MouseHandlerDataParam } from 'recharts'
import { formatAxisTime, formatTimestamp, localTimeZone } from '../format/time.ts'
import type { TimeWindow } from '../filters/timeRange.ts'
import { timeTicks } from './timeTicks.ts'
import { zoomWindow, type TrendRow, type TrendSeries } from './trendSeries.ts'

/** Props of a trend chart. */
export interface TrendChartProps {
  readonly title: string
  readonly rows: readonly TrendRow[]
  readonly series: readonly TrendSeries[]
  readonly window: TimeWindow
  readonly stepSeconds: number
  /** The value axis's label, with its unit: "p95 (minutes)". */
  readonly axisLabel: string
  /** A value as the tooltip and ticks print it. */
  readonly format: (value: number) => string
  /** Called with the window a drag selected; without it the chart does not zoom. */
  readonly onZoom?: (window: TimeWindow) => void
  /** Values are whole counts: the axis ticks at whole numbers. */
  readonly integer?: boolean
  readonly height?: number
}

const labelOf = (state: MouseHandlerDataParam): number | undefined =>
  typeof state.activeLabel === 'number' ? state.activeLabel : state.activeLabel === undefined ? undefined : Number(state.activeLabel)

/** A time chart of trend series. */
export function TrendChart({
  title,
  rows,
  series,
  window,
  stepSeconds,
  axisLabel,
  format,
  onZoom,
  integer = false,
  height = 240,
}: TrendChartProps) {
  const [drag, setDrag] = useState<{ readonly start: number; readonly end: number }>()
  const windowMs = window.toMs - window.fromMs
  const finishDrag = (): void => {
    const selected = drag && zoomWindow(drag.start, drag.end, stepSeconds * 1000)
    setDrag(undefined)
    if (selected && onZoom) onZoom(selected)
  }
  return (
    <figure className="chart" data-zoomable={onZoom ? 'true' : undefined}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={[...rows]}
          margin={{ top: 8, right: 16, bottom: 18, left: 8 }}
          onMouseDown={(state) => {
            const at = labelOf(state)
            if (onZoom && at !== undefined) setDrag({ start: at, end: at })
          }}
          onMouseMove={(state) => {
            const at = labelOf(state)
            if (drag && at !== undefined && at !== drag.end) setDrag({ start: drag.start, end: at })
          }}
          onMouseUp={finishDrag}
          onMouseLeave={() => setDrag(undefined)}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={[window.fromMs, window.toMs]}
            ticks={timeTicks(window.fromMs, window.toMs)}
            tickFormatter={(ms: number) => formatAxisTime(ms, windowMs)}
            tick={{ fontSize: 12, fill: 'var(--muted)' }}
            label={{
              value: `time (${localTimeZone()}), ${Math.round(stepSeconds / 60) >= 1 ? `${Math.round(stepSeconds / 60)} min` : `${stepSeconds} s`} buckets${onZoom ? '; drag to zoom' : ''}`,
              position: 'insideBottom',
              offset: -12,
              fontSize: 12,
              fill: 'var(--muted)',
            }}
          />
          <YAxis
            tickFormatter={(value: number) => format(value)}
            tick={{ fontSize: 12, fill: 'var(--muted)' }}
            width={72}
            allowDecimals={!integer}
            label={{
              value: axisLabel,
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle', fontSize: 12, fill: 'var(--muted)' },
            }}
          />
          <Tooltip
            labelFormatter={(ms) => formatTimestamp(new Date(Number(ms)).toISOString())}
            formatter={(value, name) => [format(Number(value)), name]}
            contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)', color: 'var(--text)' }}
          />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 6 }} />
          {series.map((s) =>
            s.kind === 'bar' ? (
              <Bar key={s.key} name={s.label} dataKey={s.key} stackId={s.stack} fill={s.color} isAnimationActive={false} />
            ) : (
              <Line
                key={s.key}
                name={s.label}
                dataKey={s.key}
                type={s.kind === 'step' ? 'stepAfter' : 'linear'}
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '6 4' : undefined}
                dot={rows.length < 4}
                isAnimationActive={false}
                connectNulls={false}
              />
            ),
          )}
          {drag && drag.start !== drag.end ? (
            <ReferenceArea
              x1={Math.min(drag.start, drag.end)}
              x2={Math.max(drag.start, drag.end)}
              fill="var(--accent)"
              fillOpacity={0.15}
            />
          ) : null}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  )
}
