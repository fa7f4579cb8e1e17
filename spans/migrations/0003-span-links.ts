/**
 * The link index: a queue consumer's span links to its producer's, and the index holds each
 * link twice, once under the consumer (`out`) and once under the producer (`in`), so a trace
 * shows both where its messages came from and where they went.
 */
import { sql, createTable, createView, storageRef } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

/** Creates the span-link index and the two views that fill it. */
export const spanLinks: Migration = {
  version: 3,
  name: 'span-links',
  statements: (target) => [
    ...createTable(target, {
      name: 'span_links',
      columns: sql`
        Tenant LowCardinality(String), TraceId String CODEC(ZSTD(1)), SpanId String CODEC(ZSTD(1)),
        Direction Enum8('out' = 1, 'in' = 2), LinkedTraceId String CODEC(ZSTD(1)), LinkedSpanId String CODEC(ZSTD(1)),
        Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1))`,
      engine: 'ReplacingMergeTree',
      partitionBy: sql`toYYYYMM(Timestamp)`,
      orderBy: sql`(Tenant, TraceId, SpanId, Direction, LinkedTraceId, LinkedSpanId)`,
      ttlColumn: sql`toDateTime(Timestamp)`,
      shardKey: sql`cityHash64(Tenant, TraceId)`,
    }),
    createView(
      target,
      'span_links_out_mv',
      'span_links',
      sql`
      SELECT Tenant, TraceId, SpanId, 'out' AS Direction, LinkTraceId AS LinkedTraceId, LinkSpanId AS LinkedSpanId, Timestamp
      FROM ${storageRef(target, 'spans')} ARRAY JOIN Links.TraceId AS LinkTraceId, Links.SpanId AS LinkSpanId`,
    ),
    createView(
      target,
      'span_links_in_mv',
      'span_links',
      sql`
      SELECT Tenant, LinkTraceId AS TraceId, LinkSpanId AS SpanId, 'in' AS Direction, ConsumerTraceId AS LinkedTraceId, ConsumerSpanId AS LinkedSpanId, Timestamp
      FROM (
        -- Renamed first: ClickHouse resolves aliases before columns, so TraceId would mean the link's.
        SELECT Tenant, TraceId AS ConsumerTraceId, SpanId AS ConsumerSpanId, Timestamp, Links.TraceId AS LinkTraceIds, Links.SpanId AS LinkSpanIds
        FROM ${storageRef(target, 'spans')}
      ) ARRAY JOIN LinkTraceIds AS LinkTraceId, LinkSpanIds AS LinkSpanId`,
    ),
  ],
}
