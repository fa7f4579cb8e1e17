/**
 * The finance page's figures as charts: store sales published from the tills against those
 * posted to the ERP over time, and money not in the books yet (unposted settlements, refunds not
 * credited) by how long it has waited.
 */
import type { JourneyTrendsResponse, JourneyTypeView, PostingAgeBand } from '../../core/index.ts'
import { POSTING_AGES } from '../../core/index.ts'
import type { TrendView } from '../charts/TrendPanel.tsx'
import { mergeRows, seriesColor } from '../charts/trendSeries.ts'
import { stageWithRole } from '../journeys/stageRoles.ts'

/** The sale journey's published and posted stages, found by their roles; undefined when it has not both. */
export function salePostingStages(types: readonly JourneyTypeView[]): { readonly published: string; readonly posted: string } | undefined {
  const sale = types.find((type) => type.type === 'sale')
  const published = sale && stageWithRole(sale, 'published')
  const posted = sale && stageWithRole(sale, 'erp_posted')
  return published && posted ? { published, posted } : undefined
}

/** Sales that reached the published and the posted stage in each bucket. */
export function salesPostingTrend(
  trends: JourneyTrendsResponse,
  stages: { readonly published: string; readonly posted: string },
): TrendView {
  const lines = [
    { stage: stages.published, key: 'published', label: 'published from the till', color: 'var(--series-1)' },
    { stage: stages.posted, key: 'posted', label: 'posted to the ERP', color: 'var(--ok)' },
  ]
  return {
    series: lines.map(({ key, label, color }) => ({ key, label, kind: 'line', color })),
    rows: mergeRows(
      lines.flatMap(({ stage, key }) =>
        (trends.stages.find((s) => s.stage === stage)?.points ?? []).map((p) => ({ key, at: Date.parse(p.at), value: p.reached })),
      ),
    ),
  }
}

/** One row per age band with the amount per currency, every band present so the bars keep their places. */
export interface AgeBandsView {
  readonly currencies: readonly { readonly currency: string; readonly color: string }[]
  readonly rows: readonly ({ readonly age: string } & Readonly<Record<string, number | string>>)[]
}

/** Money by age band and currency, as bars. */
export function ageBands(bands: readonly PostingAgeBand[]): AgeBandsView {
  const currencies = [...new Set(bands.map((band) => band.currency))].sort()
  return {
    currencies: currencies.map((currency, i) => ({ currency, color: seriesColor(i) })),
    rows: POSTING_AGES.map(({ label }) => ({
      age: label,
      ...Object.fromEntries(
        currencies.flatMap((currency) => {
          const band = bands.find((b) => b.age === label && b.currency === currency)
          return [
            [currency, band?.amount ?? 0],
            [`${currency} count`, band?.count ?? 0],
          ]
        }),
      ),
    })),
  }
}
