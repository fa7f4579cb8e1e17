/**
 * `/finance`: what has not reached the books, and what reached them twice: settlements by posting
 * status with amounts and age, store sales not posted to the ERP, refunds paid but not credited,
 * double postings and double refunds, each with a way down to the journey.
 */
import type {
  DuplicatePostingsResponse,
  JourneyListResponse,
  JourneyTrendsResponse,
  RefundPostingResponse,
  SettlementPostingResponse,
  TaxPostingResponse,
  StoreSalesBacklogResponse,
} from '../../core/index.ts'
import { DuplicatePostingsTable } from '../finance/DuplicatePostingsTable.tsx'
import { journeyListPath, journeyStatsPath } from '../api/journeyPaths.ts'
import { useRangePolling } from '../api/useRangePolling.ts'
import { FilterBar } from '../components/FilterBar.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { PolledSection } from '../components/PolledSection.tsx'
import { Tile } from '../components/Tile.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { formatMoney } from '../finance/money.ts'
import { AgeBandsPanel } from '../finance/AgeBandsPanel.tsx'
import { refundTotals } from '../finance/refunds.ts'
import { salePostingStages, salesPostingTrend } from '../finance/financeTrends.ts'
import { PendingRefundsTable } from '../finance/PendingRefundsTable.tsx'
import { OverdueTaxTable, TaxStatesTable } from '../finance/TaxPostingTables.tsx'
import { TrendPanel } from '../charts/TrendPanel.tsx'
import { zoomTo } from '../charts/zoomTo.ts'
import { SettlementStatusTable } from '../finance/SettlementStatusTable.tsx'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { readPageFilters } from '../filters/pageFilters.ts'
import { rangeLabel } from '../filters/timeRange.ts'
import { JourneyListTable } from '../journeys/JourneyListTable.tsx'
import { useJourneyTypes } from '../journeys/useJourneyTypes.ts'
import { StoreBacklogTable } from '../ops/StoreBacklogTable.tsx'
import type { AppLocation } from '../router/location.ts'

/** The finance page. */
export function FinancePage({ location }: { readonly location: AppLocation }) {
  useDocumentTitle('Finance')
  const filters = readPageFilters(location.query)
  const { range, store, channel, region } = filters
  const settlements = useRangePolling<SettlementPostingResponse>(range, (w) => journeyStatsPath('settlements', w))
  const openSettlements = useRangePolling<JourneyListResponse>(range, (w) =>
    journeyListPath(w, { type: 'settlement', status: 'in_progress', limit: 20, sort: 'oldest' }),
  )
  const backlog = useRangePolling<StoreSalesBacklogResponse>(range, (w) => journeyStatsPath('store-sales', w))
  const unpostedSales = useRangePolling<JourneyListResponse>(range, (w) =>
    journeyListPath(w, { type: 'sale', status: 'in_progress', store, channel, region, limit: 15, sort: 'oldest' }),
  )
  const refundsPoll = useRangePolling<RefundPostingResponse>(range, (w) => journeyStatsPath('refunds', w, { store, channel, region }))
  const taxes = useRangePolling<TaxPostingResponse>(range, (w) => journeyStatsPath('taxes', w, { store, channel, region }))
  const saleTrends = useRangePolling<JourneyTrendsResponse>(range, (w) =>
    journeyStatsPath('trends', w, { type: 'sale', store, channel, region }),
  )
  const duplicates = useRangePolling<DuplicatePostingsResponse>(range, (w) => journeyStatsPath('duplicates', w))
  const atRisk = atRiskByCurrency(duplicates.data?.duplicates ?? [])
  const unposted = settlements.data?.statuses.filter((s) => s.status === 'unposted') ?? []
  const oldestUnposted = Math.max(0, ...unposted.map((s) => s.oldestAgeMs ?? 0))
  const salesBacklog = backlog.data?.stores.filter((s) => store === undefined || s.store === store).reduce((sum, s) => sum + s.backlog, 0)
  const saleStages = salePostingStages(useJourneyTypes())
  const overdueTaxes = taxes.data?.states.filter((s) => s.state === 'overdue' || s.state === 'failed') ?? []
  const refunds = refundsPoll.data && refundTotals(refundsPoll.data)
  const zoom = zoomTo(location)
  return (
    <>
      <PageHeading
        title="Finance"
        subtitle={`Settlements, store sales and refunds on their way to the ERP, journeys that started ${rangeLabel(range)}.`}
      />
      <FilterBar location={location} filters={filters} />
      <section className="tiles" aria-label="Not in the books yet">
        <Tile
          label="Unposted settlements"
          value={settlements.data ? unposted.map((s) => formatMoney(s.amount, s.currency)).join(' + ') || '0' : '…'}
          note={`${formatCount(unposted.reduce((n, s) => n + s.count, 0))} batches, oldest ${formatDuration(oldestUnposted)}`}
          alarm={unposted.some((s) => s.count > 0)}
        />
        <Tile
          label="Store sales not posted"
          value={salesBacklog === undefined ? '…' : formatCount(salesBacklog)}
          note="published from the till, not in the ERP"
          alarm={(salesBacklog ?? 0) > 0}
        />
        <Tile
          label="Refunds not credited"
          value={refunds ? formatCount(refunds.refundedNotPosted) : '…'}
          note={`${refunds && refunds.notPostedAmounts.length > 0 ? `${refunds.notPostedAmounts.join(' + ')} ` : ''}refunded to the customer, no ERP credit yet`}
          alarm={(refunds?.refundedNotPosted ?? 0) > 0}
        />
        <Tile
          label="Tax postings overdue"
          value={taxes.data ? formatCount(overdueTaxes.reduce((n, s) => n + s.count, 0)) : '…'}
          note={`${overdueTaxes.length > 0 ? `${sumByCurrency(overdueTaxes).join(' + ')} of sales ` : ''}with no tax posting past its due time`}
          alarm={overdueTaxes.some((s) => s.count > 0)}
        />
        <Tile
          label="Posted twice"
          value={duplicates.data ? formatCount(duplicates.data.duplicates.length) : '…'}
          note={atRisk.length > 0 ? `${atRisk.join(' + ')} at risk` : 'orders, sales and refunds the ERP holds twice'}
          alarm={(duplicates.data?.duplicates.length ?? 0) > 0}
        />
        <Tile
          label="Refunds credited"
          value={refunds ? formatCount(refunds.posted) : '…'}
          note={
            refunds ? `${formatCount(refunds.awaitingRefund)} ${refunds.awaitingRefund === 1 ? 'return' : 'returns'} not refunded yet` : ''
          }
        />
      </section>
      <div className="columns">
        <PolledSection
          id="settlement-ages-title"
          csv="finance-settlement-ages"
          title="Unposted settlements by age"
          poll={settlements}
          what="the settlements"
          empty="Every settlement of this window is posted to the ERP."
          isEmpty={(a) => a.unpostedByAge.length === 0}
          note="Batched and not posted, by the time since the batch: posting is due within 4 hours."
        >
          {(answer) => <AgeBandsPanel title="Unposted settlement amounts by age" bands={answer.unpostedByAge} what="Settlements" />}
        </PolledSection>
        <PolledSection
          id="sales-trend-title"
          csv="finance-sales-trend"
          title={`Store sales published and posted${store ? `, ${store}` : ', all stores'}`}
          poll={saleTrends}
          what="the store sales"
          empty="No store sale was published in this window and scope."
          isEmpty={(a) => a.stages.every((s) => s.points.length === 0)}
          note="Sales that reached each stage in each bucket; pick a store above to see one store's."
        >
          {(answer) =>
            saleStages ? (
              <TrendPanel
                title="Sales published from the tills against sales posted to the ERP"
                view={salesPostingTrend(answer, saleStages)}
                over={answer}
                axisLabel="sales"
                format={formatCount}
                integer
                onZoom={zoom}
              />
            ) : (
              <p className="muted">The sale journey in force has no published or posted stage.</p>
            )
          }
        </PolledSection>
      </div>
      <div className="columns">
        <PolledSection
          id="settlements-title"
          csv="finance-settlements"
          title="Settlements by posting status"
          poll={settlements}
          what="the settlements"
          empty="No settlements in this window."
          isEmpty={(a) => a.statuses.length === 0}
          note="All stores: settlements are per payment provider, not per store."
        >
          {(answer) => <SettlementStatusTable answer={answer} />}
        </PolledSection>
        <PolledSection
          id="open-settlements-title"
          csv="finance-open-settlements"
          title="Settlements still open"
          poll={openSettlements}
          what="the open settlements"
          empty="Every settlement of this window is posted and reconciled."
          isEmpty={(a) => a.journeys.length === 0}
          className="scroll-x"
        >
          {(answer) => (
            <JourneyListTable compact journeys={answer.journeys} caption={`Oldest first, ${answer.journeys.length} of ${answer.total}`} />
          )}
        </PolledSection>
      </div>
      <div className="columns">
        <PolledSection
          id="backlog-title"
          csv="finance-backlog"
          title="Unposted store sales by store"
          poll={backlog}
          what="the store sales"
          empty="No store sales in this window."
          isEmpty={(a) => a.stores.length === 0}
        >
          {(answer) => <StoreBacklogTable answer={answer} store={store} />}
        </PolledSection>
        <PolledSection
          id="sales-title"
          csv="finance-sales"
          title="Oldest unposted sales"
          poll={unpostedSales}
          what="the unposted sales"
          empty="Every store sale of this window is posted."
          isEmpty={(a) => a.journeys.length === 0}
          className="scroll-x"
        >
          {(answer) => (
            <JourneyListTable compact journeys={answer.journeys} caption={`Oldest first, ${answer.journeys.length} of ${answer.total}`} />
          )}
        </PolledSection>
      </div>
      <div className="columns">
        <PolledSection
          id="refunds-title"
          csv="finance-refunds"
          title="Refunds paid, not credited in the ERP"
          poll={refundsPoll}
          what="the refunds"
          empty="No return is between its refund and its ERP credit."
          isEmpty={(answer) => answer.oldestPending.length === 0}
          note={
            refundsPoll.data
              ? `Between ${refundsPoll.data.refunded} and ${refundsPoll.data.credited}, by the time since the refund.`
              : undefined
          }
          className="scroll-x"
        >
          {(answer) => (
            <>
              <AgeBandsPanel title="Refunds not credited by age" bands={answer.pendingByAge} what="Refunds" />
              <PendingRefundsTable
                refunds={answer.oldestPending}
                caption={`Longest waiting first, ${answer.oldestPending.length} of ${refunds?.refundedNotPosted ?? 0}`}
              />
            </>
          )}
        </PolledSection>
        <PolledSection
          id="duplicates-title"
          csv="finance-duplicates"
          title="Posted twice: double postings and double refunds"
          poll={duplicates}
          what="the duplicate postings"
          empty="Nothing was posted or refunded twice in this window."
          isEmpty={(a) => a.duplicates.length === 0}
          note="A stage that may happen once per journey, reached by a second ERP document, payment or trace. A retry the ERP deduplicated does not count."
          className="scroll-x"
        >
          {(answer) => (
            <DuplicatePostingsTable
              duplicates={answer.duplicates.slice(0, 50)}
              caption={`Newest first, ${Math.min(50, answer.duplicates.length)} of ${answer.duplicates.length}${answer.truncated ? '+' : ''}`}
            />
          )}
        </PolledSection>
      </div>
      <div className="columns">
        <PolledSection
          id="taxes-title"
          csv="finance-taxes"
          title="Tax postings"
          poll={taxes}
          what="the tax postings"
          empty="No sale or invoice of this window has a tax posting due yet."
          isEmpty={(a) => a.states.length === 0}
          note={
            taxes.data && taxes.data.stages.length > 0
              ? `Due ${taxes.data.stages.map((s) => `${formatDuration(s.slaMs)} after ${s.after.join(' or ')}`).join(', ')}.`
              : 'No journey type in force has a tax posting stage (the tax_posted role).'
          }
          className="scroll-x"
        >
          {(answer) => (
            <>
              <TaxStatesTable answer={answer} />
              {answer.overdue.length > 0 ? <OverdueTaxTable overdue={answer.overdue} /> : null}
            </>
          )}
        </PolledSection>
      </div>
    </>
  )
}

/** Amounts summed per currency. */
function sumByCurrency(amounts: readonly { readonly amount: number; readonly currency: string }[]): string[] {
  const sums = new Map<string, number>()
  for (const a of amounts) sums.set(a.currency, (sums.get(a.currency) ?? 0) + a.amount)
  return [...sums].map(([currency, amount]) => formatMoney(amount, currency))
}

/** The amounts the duplicates put at risk, summed per currency. */
function atRiskByCurrency(duplicates: DuplicatePostingsResponse['duplicates']): string[] {
  return sumByCurrency(
    duplicates.flatMap((d) => (d.amountAtRisk === undefined ? [] : [{ amount: d.amountAtRisk, currency: d.currency ?? '' }])),
  )
}
