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

/** The window an answer covers and its bucket step, as the API's series answers say them. */
export interface BucketedWindow {
  readonly from: string
  readonly to: string
  readonly stepSeconds: number
}

/** Props of a trend panel. */
export interface TrendPanelProps {
  readonly title: string
  readonly view: TrendView
  /** The answer's window and step: the chart's time axis spans it. */
  readonly over: BucketedWindow
  readonly axisLabel: string
  readonly format: (value: number) => string
  readonly onZoom?: (window: TimeWindow) => void
  /** Values are whole counts. */
  readonly integer?: boolean
}

/** A trend chart and its table. */
export function TrendPanel({ title, view, over, axisLabel, format, onZoom, integer = false }: TrendPanelProps) {
  return (
    <ChartPanel
      label={title}
      chart={
        <TrendChart
          title={title}
          rows={view.rows}
          series={view.series}
          window={{ fromMs: Date.parse(over.from), toMs: Date.parse(over.to) }}
          stepSeconds={over.stepSeconds}
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
