/**
 * The key-link index: every span that carries two business keys links them (a return span with
 * the order id ties the return to its order), held in both directions so a journey's closure is
 * a primary-key read per hop. AggregatingMergeTree with min and max times folds the many spans
 * that carry the same pair into one row, and makes a span indexed twice harmless.
 */
import { sql, createTable, createView, storageRef } from '../../../storage/index.ts'
import type { Migration } from '../../../storage/index.ts'

/** Creates the key-link index and the view that fills it from spans. */
export const keyLinks: Migration = {
  version: 4,
  name: 'key-links',
  statements: (target) => [
    ...createTable(target, {
      name: 'key_links',
      columns: sql`
        Tenant LowCardinality(String), KeyName LowCardinality(String), KeyValue String CODEC(ZSTD(1)),
        LinkedKeyName LowCardinality(String), LinkedKeyValue String CODEC(ZSTD(1)),
        Start SimpleAggregateFunction(min, DateTime64(9)), End SimpleAggregateFunction(max, DateTime64(9))`,
      engine: 'AggregatingMergeTree',
      partitionBy: sql`toYYYYMM(Start)`,
      orderBy: sql`(Tenant, KeyName, KeyValue, LinkedKeyName, LinkedKeyValue)`,
      ttlColumn: sql`toDateTime(End)`,
      shardKey: sql`cityHash64(Tenant, KeyValue)`,
    }),
    // The two ARRAY JOINs pair every key of a span with every other, which gives both directions.
    createView(
      target,
      'key_links_mv',
      'key_links',
      sql`
      SELECT Tenant, KeyName, KeyValue, LinkedKeyName, LinkedKeyValue, min(Timestamp) AS Start, max(Timestamp) AS End
      FROM (SELECT Tenant, Timestamp, BusinessKeys FROM ${storageRef(target, 'spans')} WHERE length(mapKeys(BusinessKeys)) > 1)
      ARRAY JOIN mapKeys(BusinessKeys) AS KeyName, mapValues(BusinessKeys) AS KeyValue
      ARRAY JOIN mapKeys(BusinessKeys) AS LinkedKeyName, mapValues(BusinessKeys) AS LinkedKeyValue
      WHERE KeyName != LinkedKeyName
      GROUP BY Tenant, KeyName, KeyValue, LinkedKeyName, LinkedKeyValue`,
    ),
  ],
}
