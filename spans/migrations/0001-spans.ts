/**
 * The spans table: the OpenTelemetry Collector ClickHouse exporter's `otel_traces` layout, with
 * the tenant first in the key and the retail columns (system, stage, business keys) beside it.
 * ReplacingMergeTree folds a span stored twice into one row; inserts also carry a dedup token.
 */
import { sql, createTable } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

const attributes = sql`Map(LowCardinality(String), String)`

/** Creates the spans table. */
export const spansTable: Migration = {
  version: 1,
  name: 'spans',
  statements: (target) =>
    createTable(target, {
      name: 'spans',
      columns: sql`
      Tenant LowCardinality(String) CODEC(ZSTD(1)),
      Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
      TraceId String CODEC(ZSTD(1)),
      SpanId String CODEC(ZSTD(1)),
      ParentSpanId String CODEC(ZSTD(1)),
      TraceState String CODEC(ZSTD(1)),
      SpanName LowCardinality(String) CODEC(ZSTD(1)),
      SpanKind LowCardinality(String) CODEC(ZSTD(1)),
      ServiceName LowCardinality(String) CODEC(ZSTD(1)),
      ResourceAttributes ${attributes} CODEC(ZSTD(1)),
      ScopeName String CODEC(ZSTD(1)),
      ScopeVersion String CODEC(ZSTD(1)),
      SpanAttributes ${attributes} CODEC(ZSTD(1)),
      Duration UInt64 CODEC(ZSTD(1)),
      StatusCode LowCardinality(String) CODEC(ZSTD(1)),
      StatusMessage String CODEC(ZSTD(1)),
      Events Nested(Timestamp DateTime64(9), Name LowCardinality(String), Attributes ${attributes}) CODEC(ZSTD(1)),
      Links Nested(TraceId String, SpanId String, TraceState String, Attributes ${attributes}) CODEC(ZSTD(1)),
      RetailSystem LowCardinality(String) CODEC(ZSTD(1)),
      Stage LowCardinality(String) CODEC(ZSTD(1)),
      BusinessKeys ${attributes} CODEC(ZSTD(1)),
      INDEX idx_trace_id TraceId TYPE bloom_filter(0.001) GRANULARITY 1,
      INDEX idx_stage Stage TYPE set(256) GRANULARITY 4,
      INDEX idx_business_key_values mapValues(BusinessKeys) TYPE bloom_filter(0.01) GRANULARITY 1`,
      engine: 'ReplacingMergeTree',
      partitionBy: sql`toDate(Timestamp)`,
      orderBy: sql`(Tenant, ServiceName, SpanName, toDateTime(Timestamp), TraceId, SpanId)`,
      ttlColumn: sql`toDateTime(Timestamp)`,
      shardKey: sql`cityHash64(Tenant, TraceId)`,
      settings: sql`index_granularity = 8192, ttl_only_drop_parts = 1`,
      dedupWindow: 10_000,
    }),
}
