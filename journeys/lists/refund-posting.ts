/** Refunds by where they stand on their way to the ERP, as `GET /api/journeys/stats/refunds` answers. */
import type { RefundPostingResponse } from '../../core/index.ts'
import type { SchemaTarget, Warehouse } from '../../storage/index.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { journeyMoney } from './journey-money.ts'
import { postingAgeLabel } from './posting-age.ts'
import { OLDEST_PENDING, refundPostingQueries, refundStagesOf, type RefundFilter } from './refund-queries.ts'

type Count = number | string
type State = RefundPostingResponse['states'][number]['state']

/** The refunds of the journey types that have a refund and its ERP credit (`return` by default). */
export async function refundPosting(
  warehouse: Warehouse,
  target: SchemaTarget,
  tenant: string,
  graphs: readonly StageGraph[],
  filter: RefundFilter,
  now: Date,
): Promise<RefundPostingResponse> {
  const withRefunds = graphs.flatMap((graph) => {
    const queries = refundPostingQueries(target, tenant, graph, filter, now.getTime())
    return queries ? [{ type: graph.definition.type, stages: refundStagesOf(graph)!, queries }] : []
  })
  const answers = await Promise.all(
    withRefunds.map(async ({ type, queries }) => {
      const [states, ages, oldest] = await Promise.all([
        warehouse.rows<{ state: State; currency: string; refunds: Count; amount: Count }>(queries.states),
        warehouse.rows<{ band: Count; currency: string; refunds: Count; amount: Count }>(queries.ages),
        warehouse.rows<{ key: string; store: string; channel: string; amount: Count; currency: string; refundedMs: Count }>(queries.oldest),
      ])
      return { type, states, ages, oldest }
    }),
  )
  return {
    refunded: withRefunds.map((t) => t.stages.refunded).join(', '),
    credited: withRefunds.map((t) => t.stages.credited).join(', '),
    states: answers.flatMap(({ states }) =>
      states.map((row) => ({ state: row.state, currency: row.currency, count: Number(row.refunds), amount: Number(row.amount) })),
    ),
    pendingByAge: answers.flatMap(({ ages }) =>
      ages.map((row) => ({
        age: postingAgeLabel(row.band),
        currency: row.currency,
        count: Number(row.refunds),
        amount: Number(row.amount),
      })),
    ),
    oldestPending: answers
      .flatMap(({ type, oldest }) =>
        oldest.map((row) => ({
          ...journeyMoney(type, row),
          refundedAt: new Date(Number(row.refundedMs)).toISOString(),
          ageMs: Math.max(0, now.getTime() - Number(row.refundedMs)),
        })),
      )
      .sort((a, b) => b.ageMs - a.ageMs)
      .slice(0, OLDEST_PENDING),
  }
}
