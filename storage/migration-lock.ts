/**
 * Which instance migrates when several start at once (a rolling deploy, or a cluster's instances
 * after an upgrade): each claims the lock with a row in `schema_migration_claims`, and the oldest
 * live claim holds it, ties going to the smaller instance id. The others wait, renewing their own
 * claims, until the log shows every migration applied; if the holder stops renewing (it died
 * mid-way) its claim lapses after the ttl and the next oldest carries on, every statement being
 * idempotent. Times are the server's, so the instances' clocks need not agree.
 */
import { createTable, tableRef, type SchemaTarget } from './schema.ts'
import { sql, typed, type Sql } from './sql.ts'
import type { Warehouse } from './client.ts'

/** The DDL of the claims table; created with the migration log, before any numbered migration. */
export function migrationClaimsTable(target: SchemaTarget): Sql[] {
  return createTable(target, {
    name: 'schema_migration_claims',
    columns: sql`Instance String, ClaimedAt DateTime64(3), RenewedAt DateTime64(3), Released UInt8, Version UInt64`,
    engine: 'ReplacingMergeTree',
    versionColumn: 'Version',
    orderBy: sql`Instance`,
    ttlColumn: sql`toDateTime(RenewedAt)`,
    ttlDays: 1,
    shardKey: sql`cityHash64(Instance)`,
    clusterWide: true,
  })
}

/** One instance's hold on the migration lock. */
export interface MigrationLock {
  /** Claims (or renews the claim) and tells whether this instance holds the lock now. */
  claim(): Promise<boolean>
  /** Gives the lock up, so a waiting instance need not wait out the ttl. */
  release(): Promise<void>
}

/** The lock as `instance` sees it; a claim not renewed for `ttlMs` has lapsed. */
export function migrationLock(warehouse: Warehouse, target: SchemaTarget, instance: string, ttlMs: number): MigrationLock {
  const claims = tableRef(target, 'schema_migration_claims')
  let claimedAtMs: number | undefined
  const write = async (released: 0 | 1): Promise<void> => {
    // The claim keeps its first time, so renewing never moves an instance back in the queue.
    const claimedAt = claimedAtMs === undefined ? sql`now64(3)` : sql`fromUnixTimestamp64Milli(toInt64(${claimedAtMs}))`
    await warehouse.command(sql`INSERT INTO ${claims} (Instance, ClaimedAt, RenewedAt, Released, Version)
      SELECT ${instance}, ${claimedAt}, now64(3), ${typed(released, 'UInt8')}, toUInt64(toUnixTimestamp64Milli(now64(3))) * 2 + ${typed(released, 'UInt8')}`)
  }
  return {
    async claim() {
      await write(0)
      const rows = await warehouse.rows<{ instance: string; claimedAtMs: string | number }>(sql`
        SELECT Instance AS instance, toUnixTimestamp64Milli(argMax(ClaimedAt, Version)) AS claimedAtMs,
          argMax(RenewedAt, Version) AS renewedAt, argMax(Released, Version) AS released
        FROM ${claims}
        GROUP BY Instance
        HAVING released = 0 AND renewedAt >= now64(3) - toIntervalMillisecond(${typed(ttlMs, 'UInt32')})
        ORDER BY claimedAtMs, instance`)
      const own = rows.find((row) => row.instance === instance)
      if (own) claimedAtMs = Number(own.claimedAtMs)
      return rows[0]?.instance === instance
    },
    async release() {
      if (claimedAtMs === undefined) return
      await write(1)
      claimedAtMs = undefined
    },
  }
}
