/**
 * The span store: writes batches of decoded spans and answers the trace, search and overview
 * reads. SQL comes from the pure builders in ./queries; rows are mapped by pure functions.
 */
import type { ApiSpanRef, OverviewResponse, SearchResponse, SpanRecord, TraceResponse, ValueKeysResponse } from '../core/index.ts'
import type { Warehouse } from '../storage/index.ts'
import { tableRef, type SchemaTarget } from '../storage/index.ts'
import type { KeyRecogniser } from './business-keys.ts'
import { toSpanRow, type SpanStageNamer } from './span-row.ts'
import { nanosToIso, toApiSpan, type StoredSpanRow } from './api-span.ts'
import { traceLinksQuery, traceSpansQuery } from './queries/trace.ts'
import { keySearchQuery, toSearchResponse, valueKeysQuery, type KeySearchRow } from './queries/search.ts'
import { recentKeysQuery, serviceActivityQuery, traceCountQuery } from './queries/overview.ts'

/** Most spans one trace answer returns; a runaway trace is cut, not allowed to exhaust memory. */
const MAX_TRACE_SPANS = 10_000
const MAX_SEARCH_TRACES = 100
const MAX_SEARCH_SPANS = 500
/** Most keys one value is listed under. */
const MAX_VALUE_KEYS = 50

/** Storage of spans and the reads the query API serves. */
export interface SpanStore {
  /** Stores spans of a tenant; the same token twice stores them once. */
  insert(tenant: string, spans: readonly SpanRecord[], dedupToken: string): Promise<void>
  /** Every span of a trace, or undefined when the tenant has no such trace. */
  trace(tenant: string, traceId: string): Promise<TraceResponse | undefined>
  /** Traces and spans that carry a business-key value. */
  search(tenant: string, key: string, value: string): Promise<SearchResponse>
  /** The business keys a value was seen under. */
  keysOf(tenant: string, value: string): Promise<ValueKeysResponse>
  /** Activity of the last hour. */
  overview(tenant: string, now: Date): Promise<OverviewResponse>
}

/** Creates the span store over a warehouse; the stage recogniser stores config-mapped stages with the spans. */
export function createSpanStore(warehouse: Warehouse, target: SchemaTarget, keys: KeyRecogniser, stages?: SpanStageNamer): SpanStore {
  const spansTable = tableRef(target, 'spans')
  return {
    async insert(tenant, spans, dedupToken) {
      await warehouse.insert(
        spansTable,
        spans.map((span) => toSpanRow(tenant, span, keys, stages)),
        dedupToken,
      )
    },

    async trace(tenant, traceId) {
      const [rows, links] = await Promise.all([
        // One more than is returned, to know whether the trace was cut.
        warehouse.rows<StoredSpanRow>(traceSpansQuery(target, tenant, traceId, MAX_TRACE_SPANS + 1)),
        warehouse.rows<{ SpanId: string; Direction: string; LinkedTraceId: string; LinkedSpanId: string }>(
          traceLinksQuery(target, tenant, traceId),
        ),
      ])
      if (rows.length === 0) return undefined
      const incoming = new Map<string, ApiSpanRef[]>()
      for (const link of links) {
        if (link.Direction !== 'in') continue
        const refs = incoming.get(link.SpanId) ?? []
        refs.push({ traceId: link.LinkedTraceId, spanId: link.LinkedSpanId, attributes: {} })
        incoming.set(link.SpanId, refs)
      }
      return {
        traceId,
        spans: rows.slice(0, MAX_TRACE_SPANS).map((row) => toApiSpan(row, incoming.get(row.SpanId) ?? [])),
        truncated: rows.length > MAX_TRACE_SPANS,
      }
    },

    async search(tenant, key, value) {
      const [found] = await warehouse.rows<KeySearchRow>(
        keySearchQuery(target, tenant, key, value, { traces: MAX_SEARCH_TRACES, spans: MAX_SEARCH_SPANS }),
      )
      return toSearchResponse(key, value, found)
    },

    async keysOf(tenant, value) {
      const rows = await warehouse.rows<{ key: string; traces: number | string; lastSeenNs: string }>(
        valueKeysQuery(target, tenant, value, MAX_VALUE_KEYS),
      )
      return { value, keys: rows.map((row) => ({ key: row.key, traces: Number(row.traces), lastSeen: nanosToIso(row.lastSeenNs) })) }
    },

    async overview(tenant, now) {
      const since = new Date(now.getTime() - 3_600_000)
      const [services, keys, traces] = await Promise.all([
        warehouse.rows<{ service: string; system: string; spans: string; errors: string; p95Ms: number }>(
          serviceActivityQuery(target, tenant, since),
        ),
        warehouse.rows<{ key: string; value: string; lastSeenNs: string }>(recentKeysQuery(target, tenant, since, 20)),
        warehouse.rows<{ traces: string }>(traceCountQuery(target, tenant, since)),
      ])
      return {
        spansLastHour: services.reduce((sum, row) => sum + Number(row.spans), 0),
        tracesLastHour: Number(traces[0]?.traces ?? 0),
        errorsLastHour: services.reduce((sum, row) => sum + Number(row.errors), 0),
        services: services.map((row) => ({
          service: row.service,
          system: row.system,
          spans: Number(row.spans),
          errors: Number(row.errors),
          p95Ms: Number(row.p95Ms),
        })),
        recentKeys: keys.map((row) => ({ key: row.key, value: row.value, lastSeen: nanosToIso(row.lastSeenNs) })),
      }
    },
  }
}
