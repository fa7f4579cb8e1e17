/**
 * Queries behind the estate views, on the spans table alone: latency percentiles and errors over
 * time per service (or per span name of one service), and the hops between services (HTTP calls
 * and queue messages). Every query is bounded by a tenant and a time window.
 */
import { joinSql, sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import { RetailAttribute, RetailContext } from '@throughline/sdk/conventions'
import { CALL_OPERATION, MESSAGE_OPERATION, PRODUCED_BY } from './semantic-conventions.ts'

/** The window and filters every estate query takes. */
export interface EstateFilter {
  readonly tenant: string
  readonly from: Date
  readonly to: Date
  readonly service?: string
  /** A span name; only with a service. */
  readonly span?: string
  readonly store?: string
  readonly channel?: string
  readonly region?: string
}

/** Most series a latency answer holds. */
const MAX_SERIES = 20
/** Most series rows read, whatever the window and step. */
const MAX_SERIES_ROWS = 20_000
const MAX_HOPS = 500

/** The tenant, the window and the context filters (store, channel, region) on the spans table's columns. */
export function scopeCondition(filter: EstateFilter): Sql {
  const parts: Sql[] = [sql`Tenant = ${filter.tenant}`, sql`Timestamp >= ${filter.from}`, sql`Timestamp < ${filter.to}`]
  if (filter.store !== undefined) parts.push(sql`SpanAttributes[${RetailContext.store}] = ${filter.store}`)
  if (filter.channel !== undefined) parts.push(sql`SpanAttributes[${RetailContext.channel}] = ${filter.channel}`)
  if (filter.region !== undefined) parts.push(sql`SpanAttributes[${RetailContext.region}] = ${filter.region}`)
  return joinSql(parts, ' AND ')
}

/** Spans that enter a service: a server or consumer span, or a trace's root. */
const ENTRY_SPAN = sql`(SpanKind IN ('server', 'consumer') OR ParentSpanId = '')`

/** Spans grouped for the latency views: a service's entry spans, or every span of one service by name. */
function latencySource(filter: EstateFilter): { readonly group: Sql; readonly where: Sql } {
  if (filter.service === undefined) return { group: sql`ServiceName`, where: sql`${scopeCondition(filter)} AND ${ENTRY_SPAN}` }
  const span = filter.span === undefined ? sql`` : sql` AND SpanName = ${filter.span}`
  return { group: sql`SpanName`, where: sql`${scopeCondition(filter)} AND ServiceName = ${filter.service}${span}` }
}

const STATS = sql`count() AS count, countIf(StatusCode = 'error') AS errors,
      arrayMap(q -> round(q / 1e6, 3), quantiles(0.5, 0.95, 0.99)(Duration)) AS quantilesMs`

/** Count, errors and p50/p95/p99 (ms) per group over the whole window, busiest first. */
export function latencyTotalsQuery(target: SchemaTarget, filter: EstateFilter): Sql {
  const { group, where } = latencySource(filter)
  return sql`
    SELECT ${group} AS name, anyLast(RetailSystem) AS system, ${STATS}
    FROM ${tableRef(target, 'spans')}
    WHERE ${where}
    GROUP BY name
    ORDER BY count DESC, name
    LIMIT ${MAX_SERIES}`
}

/** The same per group and time bucket of `stepSeconds`, for the groups named. */
export function latencySeriesQuery(target: SchemaTarget, filter: EstateFilter, stepSeconds: number, names: readonly string[]): Sql {
  const { group, where } = latencySource(filter)
  return sql`
    SELECT ${group} AS name, toUnixTimestamp(toStartOfInterval(Timestamp, toIntervalSecond(${stepSeconds}))) AS bucket, ${STATS}
    FROM ${tableRef(target, 'spans')}
    WHERE ${where} AND ${group} IN ${names}
    GROUP BY name, bucket
    ORDER BY name, bucket
    LIMIT ${MAX_SERIES_ROWS}`
}

const RETRIED = sql`mapContains(SpanAttributes, ${RetailAttribute.retryAttempt})`
const DEAD_LETTERED = sql`SpanAttributes[${RetailAttribute.deadLetter}] = 'true'`

/**
 * HTTP calls between services: a client span and the server span directly under it in another
 * service. The server side carries the context filters; latency is what the caller waited.
 */
export function callHopsQuery(target: SchemaTarget, filter: EstateFilter): Sql {
  const spans = tableRef(target, 'spans')
  const window = scopeCondition({ tenant: filter.tenant, from: filter.from, to: filter.to })
  return sql`
    SELECT 'call' AS kind, caller.ServiceName AS fromService, anyLast(caller.RetailSystem) AS fromSystem,
      callee.ServiceName AS toService, anyLast(callee.RetailSystem) AS toSystem,
      count() AS count, countIf(caller.StatusCode = 'error' OR callee.StatusCode = 'error') AS errors,
      arrayMap(q -> round(q / 1e6, 3), quantiles(0.5, 0.95, 0.99)(caller.Duration)) AS quantilesMs,
      arraySort(groupUniqArray(5)(callee.Operation)) AS operations, countIf(callee.Retried) AS retries, countIf(callee.DeadLettered) AS deadLetters
    FROM (
      SELECT TraceId, SpanId, ServiceName, RetailSystem, StatusCode, Duration FROM ${spans} WHERE ${window} AND SpanKind = 'client'
    ) AS caller
    GLOBAL INNER JOIN (
      SELECT TraceId, ParentSpanId, ServiceName, RetailSystem, StatusCode,
        ${CALL_OPERATION} AS Operation, ${RETRIED} AS Retried, ${DEAD_LETTERED} AS DeadLettered
      FROM ${spans} WHERE ${scopeCondition(filter)} AND SpanKind = 'server'
    ) AS callee ON callee.TraceId = caller.TraceId AND callee.ParentSpanId = caller.SpanId
    WHERE caller.ServiceName != callee.ServiceName
    GROUP BY fromService, toService
    ORDER BY count DESC
    LIMIT ${MAX_HOPS}`
}

/**
 * Messages between services: a consumer span and the producer span it processes a message of,
 * whether it links to it (our SDK, batch consumers) or is its child (kafkajs, amqplib and most
 * stock instrumentations, which carry the producer's context in the message). Each delivery
 * counts, retries included. Latency runs from the send to the end of processing; the queue
 * delay, from the send to the start of processing, is the wait in the broker apart from the work.
 */
export function messageHopsQuery(target: SchemaTarget, filter: EstateFilter): Sql {
  const spans = tableRef(target, 'spans')
  const window = scopeCondition({ tenant: filter.tenant, from: filter.from, to: filter.to })
  return sql`
    SELECT 'message' AS kind, producer.ServiceName AS fromService, anyLast(producer.RetailSystem) AS fromSystem,
      consumer.ServiceName AS toService, anyLast(consumer.RetailSystem) AS toSystem,
      count() AS count, countIf(consumer.StatusCode = 'error') AS errors,
      arrayMap(q -> round(q / 1e6, 3), quantiles(0.5, 0.95, 0.99)(greatest(consumer.EndNs - producer.StartNs, 0))) AS quantilesMs,
      arrayMap(q -> round(q / 1e6, 3), quantiles(0.5, 0.95)(greatest(consumer.StartNs - producer.StartNs, 0))) AS queueDelayMs,
      arraySort(groupUniqArray(5)(consumer.Operation)) AS operations, countIf(consumer.Retried) AS retries, countIf(consumer.DeadLettered) AS deadLetters
    FROM (
      SELECT TraceId, SpanId, ServiceName, RetailSystem, toUnixTimestamp64Nano(Timestamp) AS StartNs FROM ${spans} WHERE ${window} AND SpanKind = 'producer'
    ) AS producer
    GLOBAL INNER JOIN (
      SELECT Produced.1 AS ProducerTraceId, Produced.2 AS ProducerSpanId, ServiceName, RetailSystem, StatusCode,
        toUnixTimestamp64Nano(Timestamp) AS StartNs, toUnixTimestamp64Nano(Timestamp) + toInt64(Duration) AS EndNs,
        ${MESSAGE_OPERATION} AS Operation, ${RETRIED} AS Retried, ${DEAD_LETTERED} AS DeadLettered
      FROM ${spans}
      ARRAY JOIN ${PRODUCED_BY} AS Produced
      WHERE ${scopeCondition(filter)} AND SpanKind = 'consumer'
    ) AS consumer ON consumer.ProducerTraceId = producer.TraceId AND consumer.ProducerSpanId = producer.SpanId
    GROUP BY fromService, toService
    ORDER BY count DESC
    LIMIT ${MAX_HOPS}`
}
