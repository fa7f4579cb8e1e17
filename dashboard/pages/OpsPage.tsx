/**
 * `/ops`: store and fulfilment operations: where orders wait between stages per store, orders
 * late or stalled, pickups ready and not collected, promotion propagation, stock the systems
 * disagree on, sales whose stock decrement the ERP never showed, store sales waiting for the ERP,
 * and orders the ERP created twice.
 */
import type {
  DuplicatePostingsResponse,
  EstateStockResponse,
  JourneyListResponse,
  JourneyTrendsResponse,
  PromotionPropagationResponse,
  StageLatencyResponse,
  StockDecrementsResponse,
  StoreSalesBacklogResponse,
} from '../../core/index.ts'
import { estatePath } from '../api/estatePaths.ts'
import { journeyListPath, journeyStatsPath } from '../api/journeyPaths.ts'
import { derivedPoll } from '../api/pollState.ts'
import { useRangePolling } from '../api/useRangePolling.ts'
import { FilterBar } from '../components/FilterBar.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { PolledSection } from '../components/PolledSection.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { hrefWith, queryValue, readPageFilters } from '../filters/pageFilters.ts'
import { rangeLabel, windowOf, type TimeWindow } from '../filters/timeRange.ts'
import { JourneyListTable } from '../journeys/JourneyListTable.tsx'
import { statusLabel } from '../journeys/statuses.ts'
import { useJourneyTypes } from '../journeys/useJourneyTypes.ts'
import { LatencyMatrixTable } from '../ops/LatencyMatrixTable.tsx'
import { pickupStages, waitingPickups } from '../ops/pickups.ts'
import { PickupsTable } from '../ops/PickupsTable.tsx'
import { PromotionStoresTable, PromotionsTable } from '../ops/PromotionTables.tsx'
import { StockMismatches } from '../ops/StockMismatches.tsx'
import { MissedDecrementsTable } from '../ops/MissedDecrementsTable.tsx'
import { StoreBacklogTable } from '../ops/StoreBacklogTable.tsx'
import { DuplicatePostingsTable } from '../finance/DuplicatePostingsTable.tsx'
import { Link } from '../router/Link.tsx'
import { TrendPanel, type BucketedWindow } from '../charts/TrendPanel.tsx'
import { zoomTo } from '../charts/zoomTo.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { promotionReachTrend, stageLatencyTrend, startedTrend, stockMismatchTrend } from '../ops/opsTrends.ts'
import type { AppLocation } from '../router/location.ts'

const DIMENSIONS = ['store', 'channel', 'region'] as const
const WAITING = ['late', 'stalled', 'failed'] as const
/** The pickup view reads this many of the newest open orders and keeps those waiting at the store. */
const PICKUP_SCAN = 500

/** The window of a promotion reach answer, which names its step and not its window. */
function reachWindow(window: TimeWindow, stepSeconds: number): BucketedWindow {
  return { from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString(), stepSeconds }
}

/** The operations page. */
export function OpsPage({ location }: { readonly location: AppLocation }) {
  useDocumentTitle('Operations')
  const filters = readPageFilters(location.query)
  const { range, store, channel, region } = filters
  const by = DIMENSIONS.find((d) => d === queryValue(location.query, 'by')) ?? 'store'
  const waiting = WAITING.find((s) => s === queryValue(location.query, 'waiting')) ?? 'late'
  const link = (changes: Readonly<Record<string, string | undefined>>): string => hrefWith(location.pathname, location.query, changes)
  const latency = useRangePolling<StageLatencyResponse>(range, (w) => journeyStatsPath('latency', w, { type: 'order', by }))
  const trends = useRangePolling<JourneyTrendsResponse>(range, (w) =>
    journeyStatsPath('trends', w, { type: 'order', store, channel, region }),
  )
  const zoom = zoomTo(location)
  const late = useRangePolling<JourneyListResponse>(range, (w) =>
    journeyListPath(w, { type: 'order', status: waiting, store, channel, region, limit: 20, sort: 'oldest' }),
  )
  const orders = useRangePolling<JourneyListResponse>(range, (w) =>
    journeyListPath(w, { type: 'order', status: 'in_progress', store, channel, region, limit: PICKUP_SCAN }),
  )
  const promotions = useRangePolling<PromotionPropagationResponse>(range, (w) => journeyStatsPath('promotions', w))
  const stock = useRangePolling<EstateStockResponse>(range, (w) => estatePath('stock', w, { store, channel, region }))
  const backlog = useRangePolling<StoreSalesBacklogResponse>(range, (w) => journeyStatsPath('store-sales', w))
  const decrements = useRangePolling<StockDecrementsResponse>(range, (w) => journeyStatsPath('stock-decrements', w))
  // Orders and sales the ERP created twice, in the page's channel and store.
  const duplicateOrders = derivedPoll(
    useRangePolling<DuplicatePostingsResponse>(range, (w) => journeyStatsPath('duplicates', w)),
    (answer) =>
      answer.duplicates.filter(
        (d) =>
          (d.type === 'order' || d.type === 'sale') &&
          (channel === undefined || d.channel === channel) &&
          (store === undefined || d.store === store),
      ),
  )
  const nowMs = orders.updatedAt?.getTime() ?? 0
  const journeyTypes = useJourneyTypes()
  const readyStages = pickupStages(journeyTypes)
  const pickups = derivedPoll(orders, (answer) =>
    journeyTypes.length === 0 ? undefined : waitingPickups(answer.journeys, readyStages, nowMs),
  )
  return (
    <>
      <PageHeading title="Operations" subtitle={`Stores and fulfilment, journeys that started ${rangeLabel(range)}.`} />
      <FilterBar location={location} filters={filters} />
      <div className="columns">
        <PolledSection
          id="stage-trend-title"
          csv="ops-stage-trend"
          title="Fulfilment stage times over time"
          poll={trends}
          what="the stage times"
          empty="No order moved from one stage to the next in this window and scope."
          isEmpty={(a) => a.stages.every((s) => s.points.every((p) => p.p95Ms === undefined))}
          note="p95 of the time each stage took from the stage before, by when orders reached it."
        >
          {(answer) => (
            <TrendPanel
              title="p95 time from the stage before"
              view={stageLatencyTrend(answer)}
              over={answer}
              axisLabel="p95 from the stage before"
              format={formatDuration}
              onZoom={zoom}
            />
          )}
        </PolledSection>
        <PolledSection
          id="started-trend-title"
          csv="ops-started-trend"
          title="Orders by start time and where they stand"
          poll={trends}
          what="the orders"
          empty="No order started in this window and scope."
          isEmpty={(a) => a.started.length === 0}
          note="Orders that started in each bucket, coloured by their status now: late, stalled and failed ones need a look."
        >
          {(answer) => (
            <TrendPanel
              title="Orders started, by status now"
              view={startedTrend(answer)}
              over={answer}
              axisLabel="orders"
              format={formatCount}
              integer
              onZoom={zoom}
            />
          )}
        </PolledSection>
      </div>
      <PolledSection
        id="delays-title"
        csv="ops-delays"
        title="Fulfilment delays by stage"
        poll={latency}
        what="the stage latencies"
        empty="No orders moved between stages in this window."
        isEmpty={(a) => a.transitions.length === 0}
        className="scroll-x"
        note="All orders of the window, whatever the store, channel and region filters say: this aggregate is not filtered."
        actions={
          <div className="segmented" role="group" aria-label="Group by">
            {DIMENSIONS.map((d) => (
              <Link key={d} to={link({ by: d === 'store' ? undefined : d })} current={d === by}>
                by {d}
              </Link>
            ))}
          </div>
        }
      >
        {(answer) => <LatencyMatrixTable answer={answer} groupLabel={answer.by} />}
      </PolledSection>
      <div className="columns">
        <PolledSection
          id="waiting-title"
          csv="ops-waiting"
          title={`Orders ${statusLabel(waiting)}`}
          poll={late}
          what="the orders"
          empty={`No ${statusLabel(waiting)} orders in this window and scope.`}
          isEmpty={(a) => a.journeys.length === 0}
          actions={
            <div className="segmented" role="group" aria-label="Status">
              {WAITING.map((s) => (
                <Link key={s} to={link({ waiting: s === 'late' ? undefined : s })} current={s === waiting}>
                  {statusLabel(s)}
                </Link>
              ))}
            </div>
          }
        >
          {(answer) => (
            <JourneyListTable compact journeys={answer.journeys} caption={`Oldest first, ${answer.journeys.length} of ${answer.total}`} />
          )}
        </PolledSection>
        <PolledSection
          id="pickups-title"
          csv="ops-pickups"
          title="Pickups ready, not collected"
          poll={pickups}
          what="the pickups"
          empty="No order is waiting for its customer in a store."
          isEmpty={(stores) => stores.length === 0}
          note={
            orders.data && orders.data.total > PICKUP_SCAN
              ? `Among the ${PICKUP_SCAN} newest of ${orders.data.total} open orders in the window.`
              : undefined
          }
        >
          {(stores) => <PickupsTable stores={stores} stages={readyStages} nowMs={nowMs} />}
        </PolledSection>
      </div>
      <PolledSection
        id="promotions-title"
        csv="ops-promotions"
        title="Promotion propagation"
        poll={promotions}
        what="the promotions"
        empty="No promotion was published in this window."
        isEmpty={(a) => a.promotions.length === 0}
      >
        {(answer) => (
          <>
            {answer.reach.length > 0 ? (
              <TrendPanel
                title="Stores live against stores targeted"
                view={promotionReachTrend(answer, promotions.updatedAt?.getTime() ?? Date.now())}
                over={reachWindow(windowOf(range, promotions.updatedAt?.getTime() ?? Date.now()), answer.stepSeconds)}
                axisLabel="store and promotion pairs"
                format={formatCount}
                integer
                onZoom={zoom}
              />
            ) : null}
            <div className="columns">
              <PromotionsTable answer={answer} store={store} />
              <PromotionStoresTable answer={answer} store={store} />
            </div>
          </>
        )}
      </PolledSection>
      <PolledSection
        id="stock-title"
        csv="ops-stock"
        title="Stock mismatches by channel and store"
        poll={stock}
        what="the stock readings"
        empty="No two systems disagree on any stock reading in this window."
        isEmpty={(a) => a.mismatches.length === 0 && a.overTime.every((p) => p.mismatches === 0)}
      >
        {(answer) => (
          <>
            <TrendPanel
              title="SKUs the systems disagree on"
              view={stockMismatchTrend(answer)}
              over={answer}
              axisLabel="SKU and location pairs"
              format={formatCount}
              integer
              onZoom={zoom}
            />
            {answer.mismatches.length > 0 ? (
              <StockMismatches answer={answer} />
            ) : (
              <p className="muted">The systems agree on every SKU now.</p>
            )}
          </>
        )}
      </PolledSection>
      <PolledSection
        id="decrements-title"
        csv="ops-decrements"
        title="Missed stock decrements by store and SKU"
        poll={decrements}
        what="the stock decrements"
        empty="Every store sale of a SKU in this window shows in the ERP’s stock, or is not due yet."
        isEmpty={(a) => a.skus.length === 0}
      >
        {(answer) => <MissedDecrementsTable answer={answer} store={store} />}
      </PolledSection>
      <PolledSection
        id="duplicate-orders-title"
        csv="ops-duplicate-orders"
        title="Duplicate orders by channel and store"
        poll={duplicateOrders}
        what="the duplicate orders"
        empty="No order or sale was created twice in the ERP in this window."
        isEmpty={(rows) => rows.length === 0}
        className="scroll-x"
      >
        {(rows) => (
          <DuplicatePostingsTable duplicates={rows.slice(0, 30)} caption={`Newest first, ${Math.min(30, rows.length)} of ${rows.length}`} />
        )}
      </PolledSection>
      <PolledSection
        id="backlog-title"
        csv="ops-backlog"
        title="Store backlogs"
        poll={backlog}
        what="the store backlogs"
        empty="No store sales in this window."
        isEmpty={(a) => a.stores.length === 0}
      >
        {(answer) => <StoreBacklogTable answer={answer} store={store} />}
      </PolledSection>
    </>
  )
}
