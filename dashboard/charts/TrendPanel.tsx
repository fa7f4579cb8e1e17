/** A trend chart over the page's window with its table one click away; the chart loads with recharts, on first use. */
import { lazy } from 'react'
import type { TimeWindow } from '../filters/timeRange.ts'
import { ChartPanel } from './ChartPanel.tsx'
import { TrendTable } from './TrendTable.tsx'
import type { TrendRow, TrendSeries } from './trendSeries.ts'

const TrendChart = lazy(async () => ({ default: (await import('./TrendChart.tsx')).TrendChart }))

/** What a trend panel draws. */
export interface TrendView {
  readonly rows: readonly TrendRow[]
  readonly series: readonly TrendSeries[]
}

/** Props of a trend panel. */
export interface TrendPanelProps {
  readonly title: string
  readonly view: TrendView
  readonly window: TimeWindow
  readonly stepSeconds: number
  readonly axisLabel: string
  readonly format: (value: number) => string
  readonly onZoom?: (window: TimeWindow) => void
  /** Values are whole counts. */
  readonly integer?: boolean
}

/** A trend chart and its table. */
export function TrendPanel({ title, view, window, stepSeconds, axisLabel, format, onZoom, integer = false }: TrendPanelProps) {
  return (
    <ChartPanel
      label={title}
      chart={
        <TrendChart
          title={title}
          rows={view.rows}
          series={view.series}
          window={window}
          stepSeconds={stepSeconds}
          axisLabel={axisLabel}
          format={format}
          integer={integer}
          {...(onZoom ? { onZoom } : {})}
        />
      }
      table={<TrendTable caption={title} rows={view.rows} series={view.series} format={format} />}
    />
  )
}
