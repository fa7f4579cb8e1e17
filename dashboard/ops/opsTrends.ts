/**
 * The operations page's trends as chart rows and series: how long each fulfilment stage takes
 * over time (p95 from the stage before), orders by start time and where they stand now, how far
 * promotions reached the stores, and stock the systems disagree on.
 */
import type { EstateStockResponse, JourneyStatus, JourneyTrendsResponse, PromotionPropagationResponse } from '../../core/index.ts'
import type { TrendView } from '../charts/TrendPanel.tsx'
import { carriedToEnd, mergeRows, seriesColor, type TrendSeries } from '../charts/trendSeries.ts'
import { statusLabel } from '../journeys/statuses.ts'

/** Journey statuses as the stacked bars pile them: what needs attention at the bottom. */
const STACKED: readonly JourneyStatus[] = ['failed', 'stalled', 'late', 'in_progress', 'complete']

/** Each status's colour, as the badges draw it. */
export const STATUS_COLORS: Readonly<Record<JourneyStatus, string>> = {
  failed: 'var(--error)',
  stalled: 'var(--stalled)',
  late: 'var(--warn)',
  in_progress: 'var(--accent)',
  complete: 'var(--ok)',
}

/** p95 of the time from the stage before, per stage that has one, over time. */
export function stageLatencyTrend(trends: JourneyTrendsResponse): TrendView {
  const timed = trends.stages.filter((stage) => stage.points.some((p) => p.p95Ms !== undefined))
  return {
    series: timed.map((stage, i) => ({ key: stage.stage, label: stage.stage, kind: 'line', color: seriesColor(i) })),
    rows: mergeRows(timed.flatMap((stage) => stage.points.map((p) => ({ key: stage.stage, at: Date.parse(p.at), value: p.p95Ms })))),
  }
}

/** Journeys by the bucket they started in, stacked by where they stand now. */
export function startedTrend(trends: JourneyTrendsResponse): TrendView {
  const present = STACKED.filter((status) => trends.started.some((bucket) => bucket.counts[status] > 0))
  return {
    series: present.map((status) => ({
      key: status,
      label: statusLabel(status),
      kind: 'bar',
      color: STATUS_COLORS[status],
      stack: 'status',
    })),
    rows: trends.started.map((bucket) => ({ at: Date.parse(bucket.at), ...bucket.counts })),
  }
}

/** Store and promotion pairs targeted and live, as running totals up to the window's end. */
export function promotionReachTrend(answer: PromotionPropagationResponse, toMs: number): TrendView {
  const series: TrendSeries[] = [
    { key: 'targeted', label: 'stores targeted', kind: 'step', color: 'var(--muted)', dashed: true },
    { key: 'live', label: 'stores live', kind: 'step', color: 'var(--ok)' },
  ]
  const rows = answer.reach.map((point) => ({ at: Date.parse(point.at), targeted: point.targeted, live: point.live }))
  return { series, rows: carriedToEnd(rows, toMs) }
}

/** SKU and location pairs in disagreement at the end of each bucket. */
export function stockMismatchTrend(answer: EstateStockResponse): TrendView {
  return {
    series: [{ key: 'mismatches', label: 'SKUs in disagreement', kind: 'step', color: 'var(--error)' }],
    rows: answer.overTime.map((point) => ({ at: Date.parse(point.at), mismatches: point.mismatches })),
  }
}
