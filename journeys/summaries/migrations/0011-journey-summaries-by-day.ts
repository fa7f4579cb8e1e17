/**
 * Journey summaries partitioned by the day each journey started. A FINAL read then merges only
 * the days that summaries were rewritten in since the last background merge, mostly today's,
 * and reads every other day as it is: a list over a million journeys no longer merges them all.
 * A journey whose start moves to another day (an earlier span arriving late) leaves a deleted
 * row on its old day, which ReplacingMergeTree's is-deleted column hides from FINAL reads.
 * Summaries are derived, so the old table and its marks are dropped and the summariser rebuilds.
 */
import { sql, createTable, dropTable, truncateTable } from '../../../storage/index.ts'
import type { Migration } from '../../../storage/index.ts'

/** Recreates the summaries partitioned by start day, with an is-deleted column. */
export const journeySummariesByDay: Migration = {
  version: 11,
  name: 'journey-summaries-by-day',
  statements: (target) => [
    ...dropTable(target, 'journey_summaries'),
    truncateTable(target, 'journey_summary_marks'),
    ...createTable(target, {
      name: 'journey_summaries',
      columns: sql`
        Tenant LowCardinality(String), JourneyType LowCardinality(String), Definition UInt64, KeyValue String CODEC(ZSTD(1)),
        Version UInt64, Deleted UInt8, Status LowCardinality(String), StalledAt Int64, Late UInt8,
        StartedMs Int64, LastActivityMs Int64,
        CurrentStage LowCardinality(String), CurrentSystem LowCardinality(String),
        Store String CODEC(ZSTD(1)), Stores Array(String) CODEC(ZSTD(1)), Channel LowCardinality(String), Region LowCardinality(String),
        StagesReached UInt32, Reached Array(Int64) CODEC(ZSTD(1))`,
      engine: 'ReplacingMergeTree',
      versionColumn: 'Version',
      deletedColumn: 'Deleted',
      partitionBy: sql`toDate(intDiv(StartedMs, 1000))`,
      orderBy: sql`(Tenant, JourneyType, Definition, KeyValue)`,
      ttlColumn: sql`toDateTime(intDiv(LastActivityMs, 1000))`,
      shardKey: sql`cityHash64(Tenant, KeyValue)`,
    }),
  ],
}
