/**
 * Queries for the traces and messages that need a look: the slowest traces of a window, the
 * traces with errors, and message deliveries that failed, were retried or were dead-lettered,
 * with the business keys they carried.
 */
import { joinSql, sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import { BusinessKey, DEAD_LETTER_REASON, RetailAttribute } from '@throughline/sdk/conventions'
import { scopeCondition, type EstateFilter } from './estate-filter.ts'
import { MESSAGE_DESTINATION } from './semantic-conventions.ts'

/** Which traces a trace list holds. */
export type TraceListMode = 'slowest' | 'failed'

const EXCEPTION_MESSAGE = 'exception.message'

/** Traces that touch the service (and span name) asked for, as a HAVING condition. */
function traceServiceCondition(filter: EstateFilter): Sql {
  const parts: Sql[] = [sql`1`]
  if (filter.service !== undefined) {
    const span = filter.span === undefined ? sql`` : sql` AND SpanName = ${filter.span}`
    parts.push(sql`countIf(ServiceName = ${filter.service}${span}) > 0`)
  }
  return joinSql(parts, ' AND ')
}

/**
 * The slowest traces, or the newest traces with an error, that started in the window. A trace
 * that began before the window counts only with its spans inside it. SKUs are left out of the
 * keys: a basket's SKUs say little about which journey it was.
 */
export function traceListQuery(target: SchemaTarget, filter: EstateFilter, mode: TraceListMode, limit: number): Sql {
  const failed = mode === 'failed' ? sql` AND errorCount > 0` : sql``
  const order = mode === 'slowest' ? sql`durationNs DESC, traceId` : sql`startNs DESC, traceId`
  return sql`
    SELECT TraceId AS traceId, toString(min(toUnixTimestamp64Nano(Timestamp))) AS startNs,
      max(toUnixTimestamp64Nano(Timestamp) + toInt64(Duration)) - min(toUnixTimestamp64Nano(Timestamp)) AS durationNs,
      uniqExact(SpanId) AS spanCount, uniqExactIf(SpanId, StatusCode = 'error') AS errorCount,
      anyIf(ServiceName, ParentSpanId = '') AS rootService, anyIf(SpanName, ParentSpanId = '') AS rootSpan,
      arraySort(groupUniqArray(ServiceName)) AS services, anyIf(StatusMessage, StatusCode = 'error') AS error,
      arraySlice(arraySort(groupUniqArrayArray(arrayFilter(kv -> kv.1 != ${BusinessKey.sku}, arrayZip(mapKeys(BusinessKeys), mapValues(BusinessKeys))))), 1, 6) AS keys
    FROM ${tableRef(target, 'spans')}
    WHERE ${scopeCondition(filter)}
    GROUP BY TraceId
    HAVING ${traceServiceCondition(filter)}${failed}
    ORDER BY ${order}
    LIMIT ${limit}`
}

/** Spans in the window and scope of a message list: of the service asked for, when one is. */
export function messageScope(filter: EstateFilter): Sql {
  const service = filter.service === undefined ? sql`` : sql` AND ServiceName = ${filter.service}`
  return sql`${scopeCondition(filter)}${service}`
}

/** Spans that are a failed, retried or dead-lettered message delivery, in the window and scope. */
function messageCondition(filter: EstateFilter): Sql {
  return sql`${messageScope(filter)} AND (
      (SpanKind IN ('consumer', 'producer') AND StatusCode = 'error')
      OR mapContains(SpanAttributes, ${RetailAttribute.retryAttempt})
      OR SpanAttributes[${RetailAttribute.deadLetter}] = 'true')`
}

/** The newest failed, retried or dead-lettered deliveries with their business keys. */
export function messageProblemsQuery(target: SchemaTarget, filter: EstateFilter, limit: number): Sql {
  return sql`
    SELECT toString(toUnixTimestamp64Nano(Timestamp)) AS atNs, TraceId AS traceId, SpanId AS spanId, ServiceName AS service, RetailSystem AS system,
      SpanName AS span, SpanKind AS kind, ${MESSAGE_DESTINATION} AS destination,
      multiIf(SpanAttributes[${RetailAttribute.deadLetter}] = 'true', 'dead_letter', StatusCode = 'error', 'failed', 'retried') AS problem,
      toUInt32OrZero(SpanAttributes[${RetailAttribute.retryAttempt}]) AS attempt,
      -- A dead letter's own reason first: a stock instrumentation overwrites the status when the consumer nacks.
      multiIf(SpanAttributes[${DEAD_LETTER_REASON}] != '', SpanAttributes[${DEAD_LETTER_REASON}],
        arrayExists(a -> a[${DEAD_LETTER_REASON}] != '', Events.Attributes), arrayFirst(a -> a[${DEAD_LETTER_REASON}] != '', Events.Attributes)[${DEAD_LETTER_REASON}],
        StatusMessage != '', StatusMessage,
        arrayStringConcat(arrayFilter(m -> m != '', arrayMap(a -> a[${EXCEPTION_MESSAGE}], Events.Attributes)), '; ')) AS message,
      BusinessKeys AS businessKeys
    FROM ${tableRef(target, 'spans')}
    WHERE ${messageCondition(filter)}
    ORDER BY Timestamp DESC, SpanId
    LIMIT 1 BY TraceId, SpanId
    LIMIT ${limit}`
}

/** How many deliveries failed, were retries and were dead-lettered in the window. */
export function messageProblemCountsQuery(target: SchemaTarget, filter: EstateFilter): Sql {
  return sql`
    SELECT countIf(StatusCode = 'error' AND SpanAttributes[${RetailAttribute.deadLetter}] != 'true') AS failed,
      countIf(mapContains(SpanAttributes, ${RetailAttribute.retryAttempt})) AS retried,
      countIf(SpanAttributes[${RetailAttribute.deadLetter}] = 'true') AS deadLettered
    FROM ${tableRef(target, 'spans')}
    WHERE ${messageCondition(filter)}`
}
