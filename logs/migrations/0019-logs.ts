/**
 * The logs table: the OpenTelemetry Collector ClickHouse exporter's `otel_logs` layout, with the
 * tenant first in the key and the retail columns a span row has (system, stage, business keys).
 * A record with business keys joins the business-key index like a span, under its trace, or under
 * the empty trace id when it has none (a batch job's line), so a search by key finds it.
 */
import { sql, createTable, createView, storageRef } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

const attributes = sql`Map(LowCardinality(String), String)`

/** Creates the logs table and the view that adds its keyed records to the business-key index. */
export const logsTable: Migration = {
  version: 19,
  name: 'logs',
  statements: (target) => [
    ...createTable(target, {
      name: 'logs',
      columns: sql`
      Tenant LowCardinality(String) CODEC(ZSTD(1)),
      Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
      ObservedTimestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
      TraceId String CODEC(ZSTD(1)),
      SpanId String CODEC(ZSTD(1)),
      LogId String CODEC(ZSTD(1)),
      SeverityNumber UInt8 CODEC(ZSTD(1)),
      SeverityText LowCardinality(String) CODEC(ZSTD(1)),
      ServiceName LowCardinality(String) CODEC(ZSTD(1)),
      Body String CODEC(ZSTD(1)),
      EventName LowCardinality(String) CODEC(ZSTD(1)),
      ResourceAttributes ${attributes} CODEC(ZSTD(1)),
      ScopeName String CODEC(ZSTD(1)),
      ScopeVersion String CODEC(ZSTD(1)),
      LogAttributes ${attributes} CODEC(ZSTD(1)),
      RetailSystem LowCardinality(String) CODEC(ZSTD(1)),
      Stage LowCardinality(String) CODEC(ZSTD(1)),
      BusinessKeys ${attributes} CODEC(ZSTD(1)),
      INDEX idx_trace_id TraceId TYPE bloom_filter(0.001) GRANULARITY 1,
      INDEX idx_business_key_values mapValues(BusinessKeys) TYPE bloom_filter(0.01) GRANULARITY 1`,
      engine: 'ReplacingMergeTree',
      partitionBy: sql`toDate(Timestamp)`,
      orderBy: sql`(Tenant, ServiceName, toDateTime(Timestamp), LogId)`,
      ttlColumn: sql`toDateTime(Timestamp)`,
      // A trace's logs on its spans' shard; records with no trace spread by their own id.
      shardKey: sql`cityHash64(Tenant, if(TraceId = '', LogId, TraceId))`,
      settings: sql`index_granularity = 8192, ttl_only_drop_parts = 1`,
      dedupWindow: 10_000,
    }),
    createView(
      target,
      'business_keys_logs_mv',
      'business_keys',
      sql`
      SELECT Tenant, KeyName, KeyValue, TraceId, min(Timestamp) AS Start, max(Timestamp) AS End
      FROM ${storageRef(target, 'logs')}
      ARRAY JOIN mapKeys(BusinessKeys) AS KeyName, mapValues(BusinessKeys) AS KeyValue
      GROUP BY Tenant, KeyName, KeyValue, TraceId`,
    ),
  ],
}
