/**
 * `/`: the estate at a glance: the map of services and the hops between them, journeys by
 * status, the alerts that fire, the services' numbers and the business keys seen last.
 */
import type { AlertsResponse, EstateHop, EstateHopsResponse, JourneyStatusCountsResponse, OverviewResponse } from '../../core/index.ts'
import { hopParam } from '../estate/hopRef.ts'
import { FiringAlertsList } from '../alerts/FiringAlertsList.tsx'
import { estatePath } from '../api/estatePaths.ts'
import { alertsPath, journeyStatsPath } from '../api/journeyPaths.ts'
import { overviewPath } from '../api/paths.ts'
import { usePolling } from '../api/usePolling.ts'
import { useRangePolling } from '../api/useRangePolling.ts'
import { FilterBar } from '../components/FilterBar.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { PolledSection } from '../components/PolledSection.tsx'
import { RecentKeys } from '../components/RecentKeys.tsx'
import { ServicesTable } from '../components/ServicesTable.tsx'
import { EmptyState } from '../components/StateViews.tsx'
import { Tile } from '../components/Tile.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { EstateMap } from '../estate/EstateMap.tsx'
import { formatCount, formatRate } from '../format/number.ts'
import { hrefWith, readPageFilters, sharedQuery } from '../filters/pageFilters.ts'
import { rangeLabel, rangeLengthMs } from '../filters/timeRange.ts'
import { StatusCountsTable } from '../journeys/StatusCountsTable.tsx'
import { Link } from '../router/Link.tsx'
import type { AppLocation } from '../router/location.ts'

const noSpansYet = (
  <EmptyState title="No spans yet: point an OpenTelemetry exporter at :4318 or run the demo.">
    <p>
      Set <code>OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318</code> in a service (or use <code>throughline/sdk</code>), or start the
      platform with its simulated retail estate: <code>npm start</code> (without <code>--no-demo</code>). This page refreshes by itself.
    </p>
  </EmptyState>
)

/** The overview page. */
export function OverviewPage({ location }: { readonly location: AppLocation }) {
  useDocumentTitle('Overview')
  const filters = readPageFilters(location.query)
  const { range, store, channel, region } = filters
  const shared = sharedQuery(location.query)
  const estate = useRangePolling<EstateHopsResponse>(range, (window) => estatePath('hops', window, { store, channel, region }))
  const journeys = useRangePolling<JourneyStatusCountsResponse>(range, (window) => journeyStatsPath('status', window))
  const alerts = usePolling<AlertsResponse>(alertsPath(['firing', 'pending']))
  const recent = usePolling<OverviewResponse>(overviewPath())
  const minutes = rangeLengthMs(range) / 60_000
  const itHref = (service: string): string => hrefWith('/it', new URLSearchParams(shared), { service })
  const hopHref = (hop: EstateHop): string => hrefWith('/it', new URLSearchParams(shared), { hop: hopParam(hop) })
  const totals = estate.data?.services.reduce((sum, s) => ({ count: sum.count + s.count, errors: sum.errors + s.errors }), {
    count: 0,
    errors: 0,
  })
  const journeyTotals = journeys.data?.types.reduce(
    (sum, t) => ({ open: sum.open + t.counts.late + t.counts.stalled + t.counts.failed, all: sum.all + t.total }),
    { open: 0, all: 0 },
  )
  return (
    <>
      <PageHeading title="Overview" subtitle={`The estate, ${rangeLabel(range)}: systems, hops, journeys and alerts.`} />
      <FilterBar location={location} filters={filters} />
      <section className="tiles tiles-5" aria-label="In numbers">
        <Tile label="Requests" value={totals ? formatCount(totals.count) : '…'} note="entry spans in the window" />
        <Tile
          label="Error rate"
          value={totals ? formatRate(totals.errors, totals.count) : '…'}
          note={totals ? `${formatCount(totals.errors)} entry spans in error` : ''}
          alarm={(totals?.errors ?? 0) > 0}
        />
        <Tile label="Journeys" value={journeyTotals ? formatCount(journeyTotals.all) : '…'} note="started in the window" />
        <Tile
          label="Need a look"
          value={journeyTotals ? formatCount(journeyTotals.open) : '…'}
          note="late, stalled or failed"
          alarm={(journeyTotals?.open ?? 0) > 0}
        />
        <Tile
          label="Alerts firing"
          value={alerts.data ? formatCount(alerts.data.counts.firing) : '…'}
          note={alerts.data ? `${formatCount(alerts.data.counts.pending)} pending` : ''}
          alarm={(alerts.data?.counts.firing ?? 0) > 0}
        />
      </section>
      <PolledSection
        id="map-title"
        title="Systems and hops"
        poll={estate}
        what="the estate map"
        empty={noSpansYet}
        isEmpty={(a) => a.services.length === 0 && a.hops.length === 0}
      >
        {(answer) => <EstateMap services={answer.services} hops={answer.hops} minutes={minutes} serviceHref={itHref} hopHref={hopHref} />}
      </PolledSection>
      <div className="columns">
        <PolledSection
          id="journeys-title"
          title="Journeys by status"
          poll={journeys}
          what="the journeys"
          empty="No journeys started in this window."
          isEmpty={(a) => a.types.every((t) => t.total === 0)}
        >
          {(counts) => <StatusCountsTable counts={counts} shared={shared} />}
        </PolledSection>
        <PolledSection
          id="alerts-title"
          title="Alerts firing and pending"
          poll={alerts}
          what="the alerts"
          empty={
            <EmptyState title="No alert is firing or pending.">
              {alerts.data ? (
                <p className="muted">
                  {formatCount(alerts.data.rules.length)} rules are evaluated. See <Link to="/alerts">all alerts</Link>.
                </p>
              ) : null}
            </EmptyState>
          }
          isEmpty={(a) => a.alerts.length === 0}
        >
          {(answer) => (
            <>
              <FiringAlertsList alerts={answer.alerts.slice(0, 6)} />
              <p className="muted">
                <Link to="/alerts">All alerts, history and deliveries</Link>
              </p>
            </>
          )}
        </PolledSection>
      </div>
      <div className="columns">
        <PolledSection
          id="services-title"
          title="Services"
          poll={estate}
          what="the services"
          empty="No services in this window."
          isEmpty={(a) => a.services.length === 0}
        >
          {(answer) => (
            <ServicesTable
              services={answer.services.map((s) => ({
                service: s.service,
                system: s.system,
                spans: s.count,
                errors: s.errors,
                p95Ms: s.p95Ms,
              }))}
              caption={`Services, ${rangeLabel(range)} (entry spans)`}
            />
          )}
        </PolledSection>
        <PolledSection id="keys-title" title="Recent business keys" poll={recent} what="the recent keys">
          {(overview) => <RecentKeys keys={overview.recentKeys} />}
        </PolledSection>
      </div>
    </>
  )
}
