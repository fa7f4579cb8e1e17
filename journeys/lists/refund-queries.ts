/**
 * Refunds on their way to the books: a return is refunded to the customer (the stage with the
 * `refunded` role), then credited in the ERP (`erp_credited`). Between the two the customer has
 * the money and the ledger does not show it. Amounts are `retail.amount` of the refund's spans.
 */
import { identifier, joinSql, sql, typed, type Sql, type SchemaTarget } from '../../storage/index.ts'
import { stageOfRole } from '../model/model.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { journeyRowsQuery, STATUS_SETTINGS } from '../status/status-query.ts'
import { conditions, windowOf, type JourneyListFilter } from './list-query.ts'
import { postingAgeSql } from './posting-age.ts'

/** The returns counted: those that started in the window, of a store, channel or region. */
export type RefundFilter = Pick<JourneyListFilter, 'store' | 'channel' | 'region' | 'fromMs' | 'toMs'>

/** How many of the longest-waiting refunds the answer names. */
export const OLDEST_PENDING = 20

const anyReached = (stages: readonly number[]): Sql =>
  sql`(${joinSql(
    stages.map((i) => sql`${identifier(`r_${i}`)} > 0`),
    ' OR ',
  )})`

/** The refund and credit stages of a journey type, or undefined when it has not both. */
export function refundStagesOf(graph: StageGraph): { readonly refunded: string; readonly credited: string } | undefined {
  const refunded = stageOfRole(graph.definition, 'refunded')
  const credited = stageOfRole(graph.definition, 'erp_credited')
  return refunded && credited ? { refunded, credited } : undefined
}

/** One row per return: where its refund stands, its amount and currency, and when it was refunded. */
function refundRows(target: SchemaTarget, tenant: string, graph: StageGraph, filter: RefundFilter): Sql | undefined {
  const stages = refundStagesOf(graph)
  if (!stages) return undefined
  const refunded = graph.indexOf.get(stages.refunded)!
  const credited = graph.indexOf.get(stages.credited)!
  const afterCredit = [credited, ...graph.descendants[credited]!]
  const afterRefund = [refunded, ...graph.descendants[refunded]!].filter((i) => !afterCredit.includes(i))
  const refundedAt = identifier(`r_${refunded}`)
  const extra = [
    sql`maxIf(Amount, Stage = ${stages.refunded}) AS refund_amount`,
    sql`maxIf(Currency, Stage = ${stages.refunded}) AS refund_currency`,
  ]
  return sql`
    SELECT key, store, channel, refund_amount AS amount, refund_currency AS currency,
      multiIf(${anyReached(afterCredit)}, 'credited', ${anyReached(afterRefund)}, 'pending_credit', 'awaiting_refund') AS state,
      toInt64(if(${refundedAt} > 0, ${refundedAt}, startedMs)) AS refundedMs
    FROM (${journeyRowsQuery(target, tenant, graph, extra, { window: windowOf(filter) })})
    WHERE ${conditions(filter)}`
}

/** The three queries of the refunds' posting: per state and currency, the pending ones per age band, and the oldest pending. */
export function refundPostingQueries(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  filter: RefundFilter,
  nowMs: number,
): { states: Sql; ages: Sql; oldest: Sql } | undefined {
  const rows = refundRows(target, tenant, graph, filter)
  if (!rows) return undefined
  return {
    states: sql`
      SELECT state, currency, count() AS refunds, round(sumIf(amount, state != 'awaiting_refund'), 2) AS amount
      FROM (${rows}) GROUP BY state, currency ORDER BY state, currency ${STATUS_SETTINGS}`,
    ages: sql`
      SELECT ${postingAgeSql(sql`(${typed(nowMs, 'Int64')} - refundedMs)`)} AS band, currency, count() AS refunds, round(sum(amount), 2) AS amount
      FROM (${rows}) WHERE state = 'pending_credit' GROUP BY band, currency ORDER BY band, currency ${STATUS_SETTINGS}`,
    oldest: sql`
      SELECT key, store, channel, amount, currency, refundedMs
      FROM (${rows}) WHERE state = 'pending_credit' ORDER BY refundedMs, key LIMIT ${OLDEST_PENDING} ${STATUS_SETTINGS}`,
  }
}
