/**
 * Tax postings: a journey type's stage with the `tax_posted` role (`sale.tax_posted`,
 * `order.tax_posted`) is a side stage, due its SLA after the stage it follows (the sale published,
 * the order invoiced). Each journey that reached that stage has a posting that is posted (in time
 * or late), pending (not due yet), overdue (due and never arrived) or failed (only failed spans).
 * The amount is the journey's `retail.amount`: the value whose tax is at stake.
 */
import { joinSql, sql, typed, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import type { JourneyDefinition, StageDefinition } from '../model/model.ts'
import { stageOfRole } from '../model/model.ts'
import type { JourneyListFilter } from './list-query.ts'

/** The postings counted: those of journeys whose stage before the tax posting was reached in the window, of a store, channel or region. */
export type TaxFilter = Pick<JourneyListFilter, 'store' | 'channel' | 'region' | 'fromMs' | 'toMs'>

/** How many overdue or failed postings the answer names. */
export const OLDEST_OVERDUE = 20

/** The tax posting stage of a journey type, or undefined when it has none. */
export function taxStageOf(definition: JourneyDefinition): StageDefinition | undefined {
  const name = stageOfRole(definition, 'tax_posted')
  return definition.stages.find((stage) => stage.name === name && stage.after.length > 0)
}

/** One row per journey with a tax posting due: its state, value, currency, store, channel, region and due time. */
function postingRows(
  target: SchemaTarget,
  tenant: string,
  definition: JourneyDefinition,
  filter: TaxFilter,
  nowMs: number,
): Sql | undefined {
  const tax = taxStageOf(definition)
  if (!tax) return undefined
  const rows = sql`Tenant = ${tenant} AND JourneyType IN ${[definition.type, '']} AND KeyName = ${definition.rootKey}`
  const due: Sql[] = [sql`1`]
  if (filter.fromMs !== undefined) due.push(sql`First >= fromUnixTimestamp64Milli(toInt64(${filter.fromMs}))`)
  if (filter.toMs !== undefined) due.push(sql`First <= fromUnixTimestamp64Milli(toInt64(${filter.toMs}))`)
  const scope: Sql[] = [sql`anchorMs > 0`]
  if (filter.fromMs !== undefined) scope.push(sql`anchorMs >= ${filter.fromMs}`)
  if (filter.toMs !== undefined) scope.push(sql`anchorMs <= ${filter.toMs}`)
  if (filter.store !== undefined) scope.push(sql`store = ${filter.store}`)
  if (filter.channel !== undefined) scope.push(sql`channel = ${filter.channel}`)
  if (filter.region !== undefined) scope.push(sql`region = ${filter.region}`)
  return sql`
    SELECT key, store, channel, value, currency, dueMs, failed,
      multiIf(postedMs > 0 AND postedMs <= dueMs, 'posted', postedMs > 0, 'posted_late', failed = 1, 'failed',
        ${typed(nowMs, 'Int64')} > dueMs, 'overdue', 'pending') AS state
    FROM (
      SELECT KeyValue AS key, anyIf(Store, Store != '') AS store, max(Channel) AS channel, max(Region) AS region,
        toInt64(coalesce(toUnixTimestamp64Milli(maxIf(FirstOk, Stage IN ${tax.after})), 0)) AS anchorMs,
        toInt64(coalesce(toUnixTimestamp64Milli(minIf(FirstOk, Stage = ${tax.name})), 0)) AS postedMs,
        maxIf(Failed, Stage = ${tax.name}) AS failed, max(Amount) AS value, max(Currency) AS currency,
        anchorMs + ${typed(tax.slaMs, 'Int64')} AS dueMs
      FROM ${tableRef(target, 'journey_stages')}
      WHERE ${rows} AND Stage IN ${definition.stages.map((stage) => stage.name)}
        AND KeyValue GLOBAL IN (SELECT KeyValue FROM ${tableRef(target, 'journey_stages')} WHERE ${rows} AND Stage IN ${tax.after} AND ${joinAll(due)})
      GROUP BY KeyValue
    )
    WHERE ${joinAll(scope)}`
}

const joinAll = (parts: readonly Sql[]): Sql => joinSql(parts, ' AND ')

/**
 * A type's tax postings per state and currency, in one statement (the rows are read once): how
 * many, how much, and for the overdue and failed states the 20 due the earliest, as
 * (dueMs, key, store, channel, value, currency, failed) tuples.
 */
export function taxPostingsQuery(
  target: SchemaTarget,
  tenant: string,
  definition: JourneyDefinition,
  filter: TaxFilter,
  nowMs: number,
): Sql | undefined {
  const rows = postingRows(target, tenant, definition, filter, nowMs)
  if (!rows) return undefined
  return sql`
    SELECT state, currency, count() AS postings, round(sum(value), 2) AS amount,
      groupArraySortedIf(${typed(OLDEST_OVERDUE, 'UInt32')})((dueMs, key, store, channel, value, currency, failed), state IN ('overdue', 'failed')) AS oldest
    FROM (${rows}) GROUP BY state, currency ORDER BY state, currency`
}
