/**
 * The query that finds the traces and spans carrying one business-key value. It is one statement
 * with one read of the spans table, because a MergeTree read costs milliseconds in the engine
 * however few granules it reads: the key's traces come from the business-key index as a scalar
 * (evaluated once, then a constant the partitions and primary key are pruned by), and a single
 * pass over those traces' spans gives both their totals and the spans that carry the key.
 */
import type { SearchResponse, StatusCode } from '../../core/index.ts'
import { sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import { nanosToIso, nanosToMs } from '../api-span.ts'

/** How much one search returns: the newest traces, and the first spans by start time. */
export interface SearchLimits {
  readonly traces: number
  readonly spans: number
}

/** A trace carrying the key, with the first and last time the key was seen on it, in nanoseconds. */
export type FoundTrace = readonly [traceId: string, startNs: string, endNs: string]

/** A found trace's distinct spans, distinct spans with an error, and sorted services. */
export type FoundTraceTotals = readonly [traceId: string, spanCount: number | string, errorCount: number | string, services: string[]]

/** A span that carries the key value itself. */
export type FoundSpan = readonly [
  traceId: string,
  spanId: string,
  name: string,
  service: string,
  system: string,
  stage: string,
  startNs: string,
  durationNs: string,
  statusCode: string,
]

/** The single row of a search: traces newest first, their totals, spans in start order. */
export interface KeySearchRow {
  readonly Traces: FoundTrace[]
  readonly Totals: FoundTraceTotals[]
  readonly Spans: FoundSpan[]
}

/** The business keys a value was seen under, with their traces and when last seen, newest first. */
export function valueKeysQuery(target: SchemaTarget, tenant: string, value: string, limit: number): Sql {
  // KeyName is the second column of the index's order: the engine reads each key name's range for the value.
  return sql`
    SELECT KeyName AS key, uniqExactIf(TraceId, TraceId != '') AS traces, toString(toUnixTimestamp64Nano(max(End))) AS lastSeenNs
    FROM ${tableRef(target, 'business_keys')}
    WHERE Tenant = ${tenant} AND KeyValue = ${value}
    GROUP BY KeyName
    ORDER BY max(End) DESC, KeyName
    LIMIT ${limit}`
}

/**
 * Traces and spans that carry a key value, exact before duplicates merge: spans are grouped by
 * (trace, span) first, so a span stored twice counts once and is listed once (its earliest copy).
 */
export function keySearchQuery(target: SchemaTarget, tenant: string, key: string, value: string, limits: SearchLimits): Sql {
  const carries = sql`BusinessKeys[${key}] = ${value}`
  // keyed = (trace ids, (trace id, first, last) per trace, first of all, last of all).
  return sql`
    WITH (
      SELECT (groupArray(TraceId), groupArray((TraceId, FirstSeen, LastSeen)), min(FirstSeen), max(LastSeen))
      FROM (
        SELECT TraceId, min(Start) AS FirstSeen, max(End) AS LastSeen
        FROM ${tableRef(target, 'business_keys')}
        -- A log record with no trace is indexed under the empty trace id; /api/logs finds those.
        WHERE Tenant = ${tenant} AND KeyName = ${key} AND KeyValue = ${value} AND TraceId != ''
        GROUP BY TraceId
        ORDER BY FirstSeen DESC
        LIMIT ${limits.traces}
      )
    ) AS keyed
    SELECT
      arrayMap(t -> (t.1, toString(toUnixTimestamp64Nano(t.2)), toString(toUnixTimestamp64Nano(t.3))), arrayReverseSort(t -> t.2, keyed.2)) AS Traces,
      groupArray((TraceId, SpanCount, ErrorCount, Services)) AS Totals,
      arrayMap(s -> (s.3, s.2, s.4, s.5, s.6, s.7, toString(toUnixTimestamp64Nano(s.1)), toString(s.8), s.9),
        arraySlice(arraySort(arrayFlatten(groupArray(KeyedSpans))), 1, ${limits.spans})) AS Spans
    FROM (
      SELECT TraceId, count() AS SpanCount, countIf(HasError) AS ErrorCount, arraySort(groupUniqArrayArray(SpanServices)) AS Services,
        -- Sorted by (start, span id), the order the answer lists spans in.
        arraySlice(arraySort(groupArrayIf(FirstKeyedCopy, Carries)), 1, ${limits.spans}) AS KeyedSpans
      FROM (
        SELECT TraceId, SpanId, max(StatusCode = 'error') AS HasError, groupUniqArray(ServiceName) AS SpanServices, max(${carries}) AS Carries,
          minIf((Timestamp, SpanId, TraceId, SpanName, ServiceName, RetailSystem, Stage, Duration, StatusCode), ${carries}) AS FirstKeyedCopy
        FROM ${tableRef(target, 'spans')}
        WHERE Tenant = ${tenant} AND TraceId IN keyed.1 AND Timestamp >= keyed.3 AND Timestamp <= keyed.4
        GROUP BY TraceId, SpanId
      )
      GROUP BY TraceId
    )`
}

/** The search answer for the row of a search query; no row answers nothing found. */
export function toSearchResponse(key: string, value: string, found: KeySearchRow | undefined): SearchResponse {
  const totals = new Map((found?.Totals ?? []).map((total) => [total[0], total]))
  return {
    key,
    value,
    traces: (found?.Traces ?? []).map(([traceId, startNs, endNs]) => ({
      traceId,
      startTime: nanosToIso(startNs),
      endTime: nanosToIso(endNs),
      spanCount: Number(totals.get(traceId)?.[1] ?? 0),
      errorCount: Number(totals.get(traceId)?.[2] ?? 0),
      services: totals.get(traceId)?.[3] ?? [],
    })),
    spans: (found?.Spans ?? []).map(([traceId, spanId, name, service, system, stage, startNs, durationNs, statusCode]) => ({
      traceId,
      spanId,
      name,
      service,
      system,
      stage,
      startTime: nanosToIso(startNs),
      durationMs: nanosToMs(durationNs),
      statusCode: statusCode as StatusCode,
    })),
  }
}
