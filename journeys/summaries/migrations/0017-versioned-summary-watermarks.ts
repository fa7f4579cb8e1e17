/**
 * Summary marks whose merges keep the newest watermark: `journey_summary_marks` (migration 7)
 * was a ReplacingMergeTree without a version column, so a merge kept the row inserted last. Reads
 * take max(Watermark), so a lost newer mark only made the summariser redo some work; with the
 * watermark as the version a merge keeps the one a read would take. The marks are copied over and
 * the old table is dropped by the next migration, once this one is logged.
 */
import { sql, createTable, tableRef } from '../../../storage/index.ts'
import type { Migration } from '../../../storage/index.ts'

/** Creates `journey_summary_watermarks` and copies the marks into it. */
export const versionedSummaryWatermarks: Migration = {
  version: 17,
  name: 'versioned-summary-watermarks',
  statements: (target) => [
    ...createTable(target, {
      name: 'journey_summary_watermarks',
      columns: sql`JourneyType LowCardinality(String), Definition UInt64, Watermark DateTime64(3)`,
      engine: 'ReplacingMergeTree',
      versionColumn: 'Watermark',
      orderBy: sql`(JourneyType, Definition)`,
      shardKey: sql`cityHash64(JourneyType)`,
    }),
    sql`INSERT INTO ${tableRef(target, 'journey_summary_watermarks')} SELECT JourneyType, Definition, Watermark FROM ${tableRef(target, 'journey_summary_marks')}`,
  ],
}
