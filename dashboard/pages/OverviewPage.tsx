/** `/`: what the estate did in the last hour, per service, and the business keys it carried. */
import { Suspense, lazy } from 'react'
import type { OverviewResponse } from '../../core/index.ts'
import { overviewPath } from '../api/paths.ts'
import { usePolling } from '../api/usePolling.ts'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { PollView } from '../components/PollView.tsx'
import { RecentKeys } from '../components/RecentKeys.tsx'
import { ServicesTable } from '../components/ServicesTable.tsx'
import { EmptyState } from '../components/StateViews.tsx'
import { Tile } from '../components/Tile.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { formatCount, formatRate } from '../format/number.ts'

// recharts is most of the bundle; only this page needs it, so it loads on first visit here.
const ServiceChart = lazy(async () => ({ default: (await import('../components/ServiceChart.tsx')).ServiceChart }))

const noSpansYet = (
  <EmptyState title="No spans yet: point an OpenTelemetry exporter at :4318 or run the demo.">
    <p>
      Set <code>OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318</code> in a service (or use <code>throughline/sdk</code>), or start the platform
      with its simulated retail estate: <code>npm start</code> (without <code>--no-demo</code>). This page refreshes by itself.
    </p>
  </EmptyState>
)

/** The overview page. */
export function OverviewPage() {
  useDocumentTitle('Overview')
  const poll = usePolling<OverviewResponse>(overviewPath())
  return (
    <>
      <PageHeading title="Overview" subtitle="Activity across the estate in the last hour." aside={<LiveStatus poll={poll} />} />
      <PollView poll={poll} what="the overview" empty={noSpansYet} isEmpty={(o) => o.spansLastHour === 0 && o.services.length === 0}>
        {(overview) => <OverviewContent overview={overview} />}
      </PollView>
    </>
  )
}

function OverviewContent({ overview }: { readonly overview: OverviewResponse }) {
  return (
    <>
      <section className="tiles" aria-label="Last hour in numbers">
        <Tile label="Spans" value={formatCount(overview.spansLastHour)} note="last hour" />
        <Tile label="Traces" value={formatCount(overview.tracesLastHour)} note="last hour" />
        <Tile label="Errors" value={formatCount(overview.errorsLastHour)} note="spans with error status, last hour" alarm={overview.errorsLastHour > 0} />
        <Tile label="Error rate" value={formatRate(overview.errorsLastHour, overview.spansLastHour)} note="errors / spans" alarm={overview.errorsLastHour > 0} />
      </section>
      <section className="card chart-card">
        {overview.services.length > 0 ? (
          <Suspense fallback={<p className="muted">Loading chart…</p>}>
            <ServiceChart services={overview.services} />
          </Suspense>
        ) : (
          <p className="muted">No services in the last hour.</p>
        )}
      </section>
      <div className="columns">
        <section className="card">
          <ServicesTable services={overview.services} />
        </section>
        <section className="card">
          <RecentKeys keys={overview.recentKeys} />
        </section>
      </div>
    </>
  )
}
