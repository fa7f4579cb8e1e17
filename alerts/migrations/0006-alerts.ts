/**
 * Alerting state: `alert_state` keeps each alert's latest record (one row per change, the highest
 * Version wins; reads use argMax so they are right before merges too), and `alert_deliveries` is
 * the outbox and its log in one append-only table: a row when a delivery is enqueued (Attempt 0,
 * with the notification) and a row per attempt with its outcome, so a restarted process finds
 * what is still pending and the API shows every attempt. Alerts outlive span retention; the
 * delivery log expires with it.
 */
import { sql, createTable } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

/** Creates the alert state and delivery tables. */
export const alertTables: Migration = {
  version: 6,
  name: 'alerts',
  statements: (target) => [
    ...createTable(target, {
      name: 'alert_state',
      columns: sql`
        Tenant LowCardinality(String), DedupKey String, Rule LowCardinality(String), State LowCardinality(String),
        Version UInt64, Deleted UInt8, UpdatedAt DateTime64(3), Body String CODEC(ZSTD(1))`,
      engine: 'ReplacingMergeTree',
      orderBy: sql`(Tenant, DedupKey)`,
      shardKey: sql`cityHash64(Tenant, DedupKey)`,
    }),
    ...createTable(target, {
      name: 'alert_deliveries',
      columns: sql`
        Tenant LowCardinality(String), DedupKey String, DeliveryId String, Channel LowCardinality(String), Action LowCardinality(String),
        Attempt UInt32, Status LowCardinality(String), At DateTime64(3), CreatedAt DateTime64(3), NextAttemptAt DateTime64(3),
        HttpStatus UInt16, Error String, DurationMs UInt32, Notification String CODEC(ZSTD(1))`,
      engine: 'MergeTree',
      partitionBy: sql`toYYYYMM(CreatedAt)`,
      orderBy: sql`(Tenant, DedupKey, DeliveryId, Attempt)`,
      ttlColumn: sql`toDateTime(CreatedAt)`,
      shardKey: sql`cityHash64(Tenant, DedupKey)`,
    }),
  ],
}
