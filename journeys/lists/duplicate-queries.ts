/**
 * Duplicate postings across journeys: once-only stages reached by more than one document in a
 * window, per journey (and store, for a per-store stage), with the amount the repeats put at
 * risk. What a posting is follows `postingOf` in ../lookup/duplicates.ts (the ERP document, else
 * the payment, else the trace): the lookup and this list must name the same duplicates, which
 * test/duplicates tests hold them to. Spans and log records alike.
 */
import { joinSql, sql, tableRef, type SchemaTarget, type Sql } from '../../storage/index.ts'
import type { JourneyDefinition } from '../model/model.ts'
import type { StatsWindow } from './stats-queries.ts'

/** Most duplicates one answer lists. */
export const MAX_DUPLICATES = 200

/** Where postings are read from: spans, and log records of systems that only log. */
export const DUPLICATE_POSTING_SOURCES = ['spans', 'logs'] as const

/**
 * One source's postings of once-only stages: the stage, journey key, store, channel, amount and
 * identity of each, with its attributes and system for grouping; of one tenant, or of all.
 */
export function postingRows(
  target: SchemaTarget,
  table: (typeof DUPLICATE_POSTING_SOURCES)[number],
  journeys: readonly Pick<JourneyDefinition, 'rootKey' | 'stages'>[],
  window: StatsWindow,
  tenant?: string,
): Sql {
  const attributes = table === 'spans' ? sql`SpanAttributes` : sql`LogAttributes`
  const once = journeys.flatMap((journey) => journey.stages.filter((stage) => stage.once).map((stage) => ({ journey, stage })))
  const key = joinSql(
    once.map(({ journey, stage }) => sql`Stage = ${stage.name}, BusinessKeys[${journey.rootKey}]`),
    ', ',
  )
  const perStore = once.filter(({ stage }) => stage.perStore).map(({ stage }) => stage.name)
  const attribute = (name: string): Sql => sql`if(${attributes}[${name}] != '', ${attributes}[${name}], ResourceAttributes[${name}])`
  const failed =
    table === 'spans'
      ? sql`StatusCode = 'error' OR DeadLetter = 1`
      : sql`SeverityNumber >= 17 OR LogAttributes['retail.dead_letter'] = 'true'`
  const id = table === 'spans' ? sql`SpanId` : sql`LogId`
  const time = [sql`Stage IN ${once.map(({ stage }) => stage.name)}`, sql`NOT (${failed})`]
  if (tenant !== undefined) time.push(sql`Tenant = ${tenant}`)
  if (window.fromMs !== undefined) time.push(sql`Timestamp >= fromUnixTimestamp64Milli(toInt64(${window.fromMs}))`)
  if (window.toMs !== undefined) time.push(sql`Timestamp <= fromUnixTimestamp64Milli(toInt64(${window.toMs}))`)
  return sql`
    SELECT Tenant, splitByChar('.', Stage)[1] AS JourneyType, multiIf(${key}, '') AS Key, Stage, Timestamp, TraceId, ${id} AS Id,
      if(Stage IN ${perStore.length > 0 ? perStore : ['']}, ${attribute('retail.store.id')}, '') AS Store,
      ${attribute('retail.channel')} AS Channel,
      toFloat64OrZero(${attributes}['retail.amount']) AS Amount, ${attributes}['retail.currency'] AS Currency,
      multiIf(BusinessKeys['retail.erp.document.id'] != '', concat('ERP document ', BusinessKeys['retail.erp.document.id']),
        BusinessKeys['retail.payment.id'] != '', concat('payment ', BusinessKeys['retail.payment.id']),
        TraceId != '', concat('trace ', TraceId), concat('log record ', ${id})) AS Posting,
      ${attributes} AS Attributes, ResourceAttributes, RetailSystem
    FROM ${tableRef(target, table)}
    WHERE ${joinSql(time, ' AND ')}`
}

/** The once-only stages reached by more than one posting, newest first; undefined when no journey has a once-only stage. */
export function duplicatePostingsQuery(
  target: SchemaTarget,
  tenant: string,
  journeys: readonly JourneyDefinition[],
  window: StatsWindow,
): Sql | undefined {
  if (!journeys.some((journey) => journey.stages.some((stage) => stage.once))) return undefined
  return sql`
    SELECT JourneyType AS type, Key AS key, Stage AS stage, Store AS store, max(Channel) AS channel,
      uniqExact(Posting) AS postings, arraySort(groupUniqArray(10)(Posting)) AS documents,
      max(Amount) AS amount, max(Currency) AS currency,
      toUnixTimestamp64Milli(min(Timestamp)) AS firstMs, toUnixTimestamp64Milli(max(Timestamp)) AS lastMs,
      arrayFilter(t -> t != '', groupUniqArray(10)(TraceId)) AS traces
    FROM (
      -- A span stored twice is one posting: one row per (trace, id) first.
      SELECT * FROM (${joinSql(
        DUPLICATE_POSTING_SOURCES.map((table) => postingRows(target, table, journeys, window, tenant)),
        ' UNION ALL ',
      )})
      WHERE Key != ''
      LIMIT 1 BY TraceId, Id
    )
    GROUP BY type, key, stage, store
    HAVING postings > 1
    ORDER BY lastMs DESC, key
    LIMIT ${MAX_DUPLICATES + 1}`
}
