/**
 * Journey summaries: one row per journey with its status already worked out, so that a list of a
 * million orders reads a million small rows and not every stage row of every order.
 *
 * `journey_touches` is the work queue: a view on the journey-state table notes, at insert time,
 * every key whose state rows changed. The summariser re-evaluates those journeys and writes
 * `journey_summaries` (ReplacingMergeTree: the latest evaluation of a key wins), under the hash of
 * the journey definition it used, so a changed SLA never reads an old evaluation. Its watermark
 * per definition is kept in `journey_summary_marks`, so a restart resumes instead of starting over.
 */
import { sql, createTable, createView, storageRef } from '../../../storage/index.ts'
import type { Migration } from '../../../storage/index.ts'

/** Creates the touch queue, the view that fills it, the summaries and the summariser's marks. */
export const journeySummaries: Migration = {
  version: 7,
  name: 'journey-summaries',
  statements: (target) => [
    ...createTable(target, {
      name: 'journey_touches',
      columns: sql`
        Tenant LowCardinality(String), JourneyType LowCardinality(String), KeyName LowCardinality(String), KeyValue String CODEC(ZSTD(1)),
        Touched DateTime64(3) CODEC(Delta(8), ZSTD(1))`,
      engine: 'MergeTree',
      partitionBy: sql`toDate(Touched)`,
      orderBy: sql`(Tenant, Touched)`,
      ttlColumn: sql`toDateTime(Touched)`,
      // A queue, not history: two days cover any summariser outage short of a backfill.
      ttlDays: 2,
      shardKey: sql`cityHash64(Tenant, KeyValue)`,
      settings: sql`ttl_only_drop_parts = 1`,
    }),
    // Fed from the journey-state table's own inserts: a span that changes no journey touches none.
    createView(
      target,
      'journey_touches_mv',
      'journey_touches',
      sql`
      SELECT DISTINCT Tenant, JourneyType, KeyName, KeyValue, now64(3) AS Touched
      FROM ${storageRef(target, 'journey_stages')}`,
    ),
    ...createTable(target, {
      name: 'journey_summaries',
      columns: sql`
        Tenant LowCardinality(String), JourneyType LowCardinality(String), Definition UInt64, KeyValue String CODEC(ZSTD(1)),
        Version UInt64, Status LowCardinality(String), StalledAt Int64, Late UInt8,
        StartedMs Int64, LastActivityMs Int64,
        CurrentStage LowCardinality(String), CurrentSystem LowCardinality(String),
        Store String CODEC(ZSTD(1)), Stores Array(String) CODEC(ZSTD(1)), Channel LowCardinality(String), Region LowCardinality(String),
        StagesReached UInt32, Reached Array(Int64) CODEC(ZSTD(1))`,
      engine: 'ReplacingMergeTree',
      versionColumn: 'Version',
      orderBy: sql`(Tenant, JourneyType, Definition, KeyValue)`,
      ttlColumn: sql`toDateTime(intDiv(LastActivityMs, 1000))`,
      shardKey: sql`cityHash64(Tenant, KeyValue)`,
    }),
    ...createTable(target, {
      name: 'journey_summary_marks',
      columns: sql`JourneyType LowCardinality(String), Definition UInt64, Watermark DateTime64(3)`,
      engine: 'ReplacingMergeTree',
      orderBy: sql`(JourneyType, Definition)`,
      shardKey: sql`cityHash64(JourneyType)`,
    }),
  ],
}
