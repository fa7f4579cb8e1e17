/**
 * Latency percentiles and error rates over time: per service (their entry spans), or per span
 * name once a service is selected. Two charts and the table behind them.
 */
import { Suspense, lazy } from 'react'
import type { EstateLatencyResponse } from '../../core/index.ts'
import { estatePath } from '../api/estatePaths.ts'
import { useRangePolling } from '../api/useRangePolling.ts'
import { busiestSeries, PERCENTILES, type SeriesMetric } from '../charts/seriesRows.ts'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { PollView } from '../components/PollView.tsx'
import { EmptyState } from '../components/StateViews.tsx'
import { formatMillis } from '../format/number.ts'
import { hrefWith, type PageFilters } from '../filters/pageFilters.ts'
import { rangeLabel } from '../filters/timeRange.ts'
import { Link } from '../router/Link.tsx'
import type { AppLocation } from '../router/location.ts'
import { SeriesTable } from './SeriesTable.tsx'
import { zoomTo } from '../charts/zoomTo.ts'

// recharts is most of the bundle; it loads with the first chart.
const SeriesChart = lazy(async () => ({ default: (await import('../charts/SeriesChart.tsx')).SeriesChart }))
const CHART_LINES = 8

/** Props of the latency section. */
export interface LatencySectionProps {
  readonly location: AppLocation
  readonly filters: PageFilters
  readonly service?: string
  readonly span?: string
  readonly percentile: (typeof PERCENTILES)[number]
}

/** The latency and error-rate charts and table. */
export function LatencySection({ location, filters, service, span, percentile }: LatencySectionProps) {
  const { store, channel, region } = filters
  const poll = useRangePolling<EstateLatencyResponse>(filters.range, (window) =>
    estatePath('latency', window, { service, span, store, channel, region }),
  )
  const link = (changes: Readonly<Record<string, string | undefined>>): string => hrefWith(location.pathname, location.query, changes)
  const what = service === undefined ? 'entry spans (server, consumer and root spans) per service' : `spans of ${service} per span name`
  return (
    <section className="card" aria-labelledby="latency-title" aria-busy={poll.updating}>
      <div className="section-heading">
        <h2 id="latency-title">Latency and errors, {rangeLabel(filters.range)}</h2>
        <div className="segmented" role="group" aria-label="Percentile">
          {PERCENTILES.map((p) => (
            <Link key={p} to={link({ pct: p === 'p95' ? undefined : p })} current={p === percentile}>
              {p}
            </Link>
          ))}
        </div>
        <LiveStatus poll={poll} />
      </div>
      <p className="muted section-note">Of {what}.</p>
      <PollView
        poll={poll}
        what="latency"
        empty={<EmptyState title="No spans in this window and scope." />}
        isEmpty={(r) => r.series.length === 0}
      >
        {(latency) => {
          const lines = busiestSeries(latency.series, CHART_LINES)
          const window = { fromMs: Date.parse(latency.from), toMs: Date.parse(latency.to) }
          const chart = (metric: SeriesMetric, title: string, axisLabel: string, format: (v: number) => string) => (
            <SeriesChart
              title={title}
              series={lines}
              metric={metric}
              stepSeconds={latency.stepSeconds}
              window={window}
              axisLabel={axisLabel}
              format={format}
              onZoom={zoomTo(location)}
            />
          )
          return (
            <>
              <div className="columns">
                <Suspense fallback={<p className="muted">Loading chart…</p>}>
                  {chart(percentile, `${percentile} latency`, `${percentile} latency (ms)`, formatMillis)}
                  {chart('errorRate', 'Error rate', 'spans in error (%)', (v) => `${formatMillis(v)}%`)}
                </Suspense>
              </div>
              {latency.series.length > lines.length ? (
                <p className="muted">
                  The charts show the {CHART_LINES} busiest; the table lists all {latency.series.length}.
                </p>
              ) : null}
              {/* Grouped as the answer says, not the address: the previous answer stays on screen while a new service loads. */}
              <SeriesTable
                caption={latency.groupBy === 'service' ? 'Services' : `Span names of ${latency.service ?? ''}`}
                series={latency.series}
                minutes={(window.toMs - window.fromMs) / 60_000}
                selected={span ?? service}
                hrefFor={(name) =>
                  latency.groupBy === 'service'
                    ? link({ service: name, span: undefined })
                    : link({ span: name === span ? undefined : name })
                }
              />
            </>
          )
        }}
      </PollView>
    </section>
  )
}
