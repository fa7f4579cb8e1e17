/**
 * The alert leader election's heartbeats: one row per instance and beat, the highest version per
 * instance being its latest (reads take argMax, so they are right before merges too). A day is
 * kept; an instance silent for that long takes no part in any election.
 */
import { sql, createTable } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

/** Creates the heartbeat table. */
export const alertLeases: Migration = {
  version: 10,
  name: 'alert-leases',
  statements: (target) =>
    createTable(target, {
      name: 'alert_leases',
      columns: sql`Instance String, At DateTime64(3), Released UInt8, Version UInt64`,
      engine: 'ReplacingMergeTree',
      versionColumn: 'Version',
      orderBy: sql`Instance`,
      ttlColumn: sql`toDateTime(At)`,
      ttlDays: 1,
      shardKey: sql`cityHash64(Instance)`,
    }),
}
