/** Tax postings by state, as `GET /api/journeys/stats/taxes` answers: posted, late, pending, overdue and failed, with amounts. */
import type { TaxPostingResponse } from '../../core/index.ts'
import type { SchemaTarget, Warehouse } from '../../storage/index.ts'
import type { JourneyDefinition } from '../model/model.ts'
import { journeyMoney } from './journey-money.ts'
import { OLDEST_OVERDUE, taxPostingsQuery, taxStageOf, type TaxFilter } from './tax-queries.ts'

type Count = number | string
type State = TaxPostingResponse['states'][number]['state']

/** The tax postings of every journey type that has one (sale and order by default). */
export async function taxPostings(
  warehouse: Warehouse,
  target: SchemaTarget,
  tenant: string,
  journeys: readonly JourneyDefinition[],
  filter: TaxFilter,
  now: Date,
): Promise<TaxPostingResponse> {
  const withTax = journeys.flatMap((definition) => {
    const query = taxPostingsQuery(target, tenant, definition, filter, now.getTime())
    return query ? [{ definition, stage: taxStageOf(definition)!, query }] : []
  })
  const answers = await Promise.all(
    withTax.map(async ({ definition, query }) => {
      const states = await warehouse.rows<{
        state: State
        currency: string
        postings: Count
        amount: Count
        oldest: [Count, string, string, string, Count, string, Count][]
      }>(query)
      const overdue = states.flatMap((row) =>
        row.oldest.map(([dueMs, key, store, channel, value, currency, failed]) => ({
          dueMs,
          key,
          store,
          channel,
          value,
          currency,
          failed,
        })),
      )
      return { type: definition.type, states, overdue }
    }),
  )
  return {
    stages: withTax.map(({ definition, stage }) => ({ type: definition.type, stage: stage.name, after: stage.after, slaMs: stage.slaMs })),
    states: answers.flatMap(({ type, states }) =>
      states.map((row) => ({ type, state: row.state, currency: row.currency, count: Number(row.postings), amount: Number(row.amount) })),
    ),
    overdue: answers
      .flatMap(({ type, overdue }) =>
        overdue.map((row) => ({
          ...journeyMoney(type, { ...row, amount: row.value }),
          dueAt: new Date(Number(row.dueMs)).toISOString(),
          overdueMs: Math.max(0, now.getTime() - Number(row.dueMs)),
          failed: Number(row.failed) === 1,
        })),
      )
      .sort((a, b) => b.overdueMs - a.overdueMs)
      .slice(0, OLDEST_OVERDUE),
  }
}
