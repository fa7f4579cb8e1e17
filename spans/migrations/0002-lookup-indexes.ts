/**
 * Lookup indexes beside the spans, so that a trace or every trace of a business key is found by
 * reading a few granules whatever the table size (compare Jaeger's `trace_id_timestamps`):
 * `trace_times` gives a trace's time span, `business_keys` maps a key value to its traces and
 * their time spans. Both are AggregatingMergeTree tables fed by materialized views; min and max
 * make a span indexed twice harmless.
 */
import { sql, createTable, createView, storageRef } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

const timeRange = sql`Start SimpleAggregateFunction(min, DateTime64(9)), End SimpleAggregateFunction(max, DateTime64(9))`

/** Creates the trace-id and business-key indexes and the views that fill them. */
export const lookupIndexes: Migration = {
  version: 2,
  name: 'lookup-indexes',
  statements: (target) => [
    ...createTable(target, {
      name: 'trace_times',
      columns: sql`Tenant LowCardinality(String), TraceId String CODEC(ZSTD(1)), ${timeRange}`,
      engine: 'AggregatingMergeTree',
      partitionBy: sql`toDate(Start)`,
      orderBy: sql`(Tenant, TraceId)`,
      ttlColumn: sql`toDateTime(End)`,
      shardKey: sql`cityHash64(Tenant, TraceId)`,
    }),
    createView(
      target,
      'trace_times_mv',
      'trace_times',
      sql`
      SELECT Tenant, TraceId, min(Timestamp) AS Start, max(Timestamp) AS End
      FROM ${storageRef(target, 'spans')} GROUP BY Tenant, TraceId`,
    ),
    ...createTable(target, {
      name: 'business_keys',
      columns: sql`Tenant LowCardinality(String), KeyName LowCardinality(String), KeyValue String CODEC(ZSTD(1)), TraceId String CODEC(ZSTD(1)), ${timeRange}`,
      engine: 'AggregatingMergeTree',
      partitionBy: sql`toYYYYMM(Start)`,
      orderBy: sql`(Tenant, KeyName, KeyValue, TraceId)`,
      ttlColumn: sql`toDateTime(End)`,
      shardKey: sql`cityHash64(Tenant, TraceId)`,
    }),
    createView(
      target,
      'business_keys_mv',
      'business_keys',
      sql`
      SELECT Tenant, KeyName, KeyValue, TraceId, min(Timestamp) AS Start, max(Timestamp) AS End
      FROM ${storageRef(target, 'spans')}
      ARRAY JOIN mapKeys(BusinessKeys) AS KeyName, mapValues(BusinessKeys) AS KeyValue
      GROUP BY Tenant, KeyName, KeyValue, TraceId`,
    ),
  ],
}
