/**
 * A chart with its table one click away. The table stays in the page while the chart shows, out
 * of sight: screen readers read it, and the section's CSV download carries its figures.
 */
import { Suspense, useState, type ReactNode } from 'react'

/** Props of a chart panel. */
export interface ChartPanelProps {
  /** What the chart shows, for the switch's accessible name. */
  readonly label: string
  readonly chart: ReactNode
  readonly table: ReactNode
}

/** A chart, or its table. */
export function ChartPanel({ label, chart, table }: ChartPanelProps) {
  const [view, setView] = useState<'chart' | 'table'>('chart')
  return (
    <div className="chart-panel">
      <div className="segmented view-switch" role="group" aria-label={`${label}: show as`}>
        {(['chart', 'table'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={view === option} onClick={() => setView(option)}>
            {option === 'chart' ? 'Chart' : 'Table'}
          </button>
        ))}
      </div>
      {view === 'chart' ? <Suspense fallback={<p className="muted">Loading chart…</p>}>{chart}</Suspense> : null}
      {view === 'chart' ? (
        <div className="visually-hidden">{table}</div>
      ) : (
        // A wide table scrolls sideways; the region takes focus so the keyboard can scroll it too.
        <div className="scroll-x" role="region" aria-label={`${label}: table`} tabIndex={0}>
          {table}
        </div>
      )}
    </div>
  )
}
