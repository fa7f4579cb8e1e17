/**
 * The lease store in ClickHouse (migration 0010): a row per heartbeat in `alert_leases`, the
 * highest version per instance being its latest, so reads are right before merges too. A release
 * is a row that outranks a heartbeat of the same millisecond.
 */
import { sql, tableRef, type SchemaTarget, type Warehouse } from '../../storage/index.ts'
import type { LeaseStore } from '../leader/leadership.ts'

/** The lease store over a warehouse. */
export function clickhouseLeaseStore(warehouse: Warehouse, target: SchemaTarget): LeaseStore {
  const leases = tableRef(target, 'alert_leases')
  const row = (instance: string, at: number, released: 0 | 1): object => ({
    Instance: instance,
    At: (at / 1000).toFixed(3),
    Released: released,
    Version: (BigInt(at) * 2n + BigInt(released)).toString(),
  })
  return {
    beat: (instance, at) => warehouse.insert(leases, [row(instance, at, 0)]),
    release: (instance, at) => warehouse.insert(leases, [row(instance, at, 1)]),
    async heartbeats(since) {
      const rows = await warehouse.rows<{ instance: string; at: string | number }>(sql`
        SELECT Instance AS instance, toUnixTimestamp64Milli(argMax(At, Version)) AS at, argMax(Released, Version) AS released
        FROM ${leases}
        GROUP BY Instance
        HAVING released = 0 AND at >= ${since}`)
      return rows.map((row) => ({ instance: row.instance, at: Number(row.at) }))
    },
  }
}
