/**
 * Alert state whose merges keep the highest version: `alert_state` (migration 6) was a
 * ReplacingMergeTree without a version column, so a merge kept the row inserted last, which is
 * not the newest when two instances write in a failover's overlap or an insert lands late on a
 * cluster. Reads always took argMax(Version) and stay as they are; the rows are copied over, and
 * the old table is dropped by the next migration, once this one is logged, so running this one
 * again after a crash finds the old table still there.
 */
import { sql, createTable, tableRef } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

/** Creates `alert_states` and copies the alerts into it. */
export const versionedAlertStates: Migration = {
  version: 15,
  name: 'versioned-alert-states',
  statements: (target) => [
    ...createTable(target, {
      name: 'alert_states',
      columns: sql`
        Tenant LowCardinality(String), DedupKey String, Rule LowCardinality(String), State LowCardinality(String),
        Version UInt64, Deleted UInt8, UpdatedAt DateTime64(3), Body String CODEC(ZSTD(1))`,
      engine: 'ReplacingMergeTree',
      versionColumn: 'Version',
      orderBy: sql`(Tenant, DedupKey)`,
      shardKey: sql`cityHash64(Tenant, DedupKey)`,
    }),
    // A copy made twice is the same rows twice: one per key and version once merged, and to argMax before.
    sql`INSERT INTO ${tableRef(target, 'alert_states')} SELECT Tenant, DedupKey, Rule, State, Version, Deleted, UpdatedAt, Body FROM ${tableRef(target, 'alert_state')}`,
  ],
}
