/**
 * The lease store in ClickHouse: heartbeats are rows of the alert state table (migration 0006)
 * under the empty tenant, which no tenant can have, one key per instance; ReplacingMergeTree
 * keeps one row per instance and reads take the highest version, so they are right before merges
 * too. Kept beside the alerts rather than in a table of their own so that the election needs no
 * schema change; the alert store leaves these rows out.
 */
import { sql, tableRef, type SchemaTarget, type Warehouse } from '../../ingest/index.ts'
import type { LeaseStore } from '../leader/leadership.ts'

/** The tenant of lease rows: tenant names are never empty. */
export const LEASE_TENANT = ''

/** The lease store over a warehouse. */
export function clickhouseLeaseStore(warehouse: Warehouse, target: SchemaTarget): LeaseStore {
  const state = tableRef(target, 'alert_state')
  // A release outranks a heartbeat of the same millisecond.
  const row = (instance: string, at: number, released: 0 | 1): object => ({
    Tenant: LEASE_TENANT, DedupKey: `lease/${instance}`, Rule: '', State: 'lease', Version: (BigInt(at) * 1000n + BigInt(released)).toString(),
    Deleted: released, UpdatedAt: (at / 1000).toFixed(3), Body: instance,
  })
  return {
    beat: (instance, at) => warehouse.insert(state, [row(instance, at, 0)]),
    release: (instance, at) => warehouse.insert(state, [row(instance, at, 1)]),
    async heartbeats(since) {
      const rows = await warehouse.rows<{ instance: string; at: string | number }>(sql`
        SELECT argMax(Body, Version) AS instance, toUnixTimestamp64Milli(argMax(UpdatedAt, Version)) AS at, argMax(Deleted, Version) AS released
        FROM ${state}
        WHERE Tenant = ${LEASE_TENANT} AND State = 'lease'
        GROUP BY DedupKey
        HAVING released = 0 AND at >= ${since}`)
      return rows.map((row) => ({ instance: row.instance, at: Number(row.at) }))
    },
  }
}
