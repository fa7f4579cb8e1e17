/**
 * A 200 means the spans survive a power loss, and the spool lets go of a batch once ClickHouse
 * has taken it, so a part ClickHouse has written must be on disk before the insert answers:
 * every table fsyncs its new parts' files and directories. On a replicated cluster the replicas
 * are the durability (inserts wait for the shards and a quorum), so its tables keep the server's
 * own settings; the local tables of a cluster without replication fsync like a single node's.
 */
import { sql } from '../sql.ts'
import { modifySettings, type TableName } from '../schema.ts'
import type { Migration } from '../migration.ts'

/** Every table that existed at this version; views write into these. */
const TABLES_AT_VERSION_14: readonly TableName[] = [
  'schema_migrations',
  'spans',
  'trace_times',
  'business_keys',
  'span_links',
  'key_links',
  'journey_stages',
  'alert_state',
  'alert_deliveries',
  'journey_touches',
  'journey_summaries',
  'journey_summary_marks',
  'inventory_readings',
  'alert_leases',
  'journey_spans',
  'journey_span_backfill',
]

/** Turns on fsync of inserted parts where no replica keeps a second copy. */
export const durableParts: Migration = {
  version: 14,
  name: 'durable-parts',
  statements: (target) =>
    target.cluster?.replicated
      ? []
      : TABLES_AT_VERSION_14.map((table) => modifySettings(target, table, sql`fsync_after_insert = 1, fsync_part_directory = 1`)),
}
