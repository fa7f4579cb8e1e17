/**
 * The AlertStore in ClickHouse (migration 0006): alerts as versioned JSON rows read back with
 * argMax, and the outbox as an append-only log of enqueues and attempts. ClickHouse rather than
 * files in the data directory because the contract allows stateless instances on a shared
 * cluster: there the data directory may not outlive the container, the database does.
 */
import { sql, tableRef, type SchemaTarget, type Warehouse } from '../../storage/index.ts'
import type { AlertRecord } from '../alert-record.ts'
import type { Delivery, DeliveryAttempt } from '../delivery/delivery.ts'
import type { AlertNotification } from '../notification.ts'
import type { AlertStore, DeliveryHistory } from './alert-store.ts'

const seconds = (ms: number): string => (ms / 1000).toFixed(3)

interface PendingRow {
  readonly id: string
  readonly channel: string
  readonly attempts: string | number
  readonly next: string | number
  readonly created: string | number
  readonly notification: string
}
interface HistoryRow {
  readonly DeliveryId: string
  readonly DedupKey: string
  readonly Tenant: string
  readonly Channel: string
  readonly Action: string
  readonly Attempt: number
  readonly Status: string
  readonly at: string | number
  readonly created: string | number
  readonly next: string | number
  readonly HttpStatus: number
  readonly Error: string
  readonly DurationMs: number
}

/** The store over a warehouse. */
export function clickhouseAlertStore(warehouse: Warehouse, target: SchemaTarget, clock: () => number = Date.now): AlertStore {
  const state = tableRef(target, 'alert_states')
  const deliveries = tableRef(target, 'alert_deliveries')
  let sequence = 0
  /** The highest version stored when the alerts were last loaded: every round loads them first. */
  let newestLoaded = 0n
  // Versions increase within a process and with the clock across processes, and always past what
  // the last load saw, so a new leader whose clock is behind the old one's still writes the newest.
  const version = (): string => {
    const byClock = BigInt(clock()) * 1000n + BigInt(sequence++ % 1000)
    newestLoaded = byClock > newestLoaded ? byClock : newestLoaded + 1n
    return newestLoaded.toString()
  }

  return {
    async loadAlerts() {
      const rows = await warehouse.rows<{ body: string; deleted: number; newest: string }>(sql`
        SELECT argMax(Body, Version) AS body, argMax(Deleted, Version) AS deleted, toString(max(Version)) AS newest
        FROM ${state} GROUP BY Tenant, DedupKey`)
      for (const row of rows) if (BigInt(row.newest) > newestLoaded) newestLoaded = BigInt(row.newest)
      return rows.filter((row) => Number(row.deleted) === 0).map((row) => JSON.parse(row.body) as AlertRecord)
    },

    async saveAlerts(changed, removed) {
      const now = clock()
      const rows = [
        ...changed.map((record) => ({
          Tenant: record.tenant,
          DedupKey: record.dedupKey,
          Rule: record.rule,
          State: record.state,
          Version: version(),
          Deleted: 0,
          UpdatedAt: seconds(now),
          Body: JSON.stringify(record),
        })),
        ...removed.map(({ tenant, dedupKey }) => ({
          Tenant: tenant,
          DedupKey: dedupKey,
          Rule: '',
          State: '',
          Version: version(),
          Deleted: 1,
          UpdatedAt: seconds(now),
          Body: '',
        })),
      ]
      await warehouse.insert(state, rows)
    },

    async enqueue(list) {
      await warehouse.insert(
        deliveries,
        list.map((delivery) => ({
          Tenant: delivery.notification.tenant,
          DedupKey: delivery.notification.dedupKey,
          DeliveryId: delivery.id,
          Channel: delivery.channel,
          Action: delivery.notification.action,
          Attempt: 0,
          Status: 'pending',
          At: seconds(delivery.createdAt),
          CreatedAt: seconds(delivery.createdAt),
          NextAttemptAt: seconds(delivery.nextAttemptAt),
          HttpStatus: 0,
          Error: '',
          DurationMs: 0,
          Notification: JSON.stringify(delivery.notification),
        })),
      )
    },

    async recordAttempt(delivery: Delivery, attempt: DeliveryAttempt) {
      await warehouse.insert(deliveries, [
        {
          Tenant: attempt.tenant,
          DedupKey: attempt.dedupKey,
          DeliveryId: attempt.deliveryId,
          Channel: attempt.channel,
          Action: attempt.action,
          Attempt: attempt.attempt,
          Status: attempt.outcome,
          At: seconds(attempt.at),
          CreatedAt: seconds(delivery.createdAt),
          NextAttemptAt: seconds(attempt.nextAttemptAt ?? attempt.at),
          HttpStatus: attempt.httpStatus ?? 0,
          Error: attempt.error ?? '',
          DurationMs: Math.max(0, Math.round(attempt.durationMs)),
          Notification: '',
        },
      ])
    },

    async pendingDeliveries(since) {
      const rows = await warehouse.rows<PendingRow>(sql`
        SELECT DeliveryId AS id, any(Channel) AS channel, max(Attempt) AS attempts, argMax(Status, Attempt) AS status,
          toUnixTimestamp64Milli(argMax(NextAttemptAt, Attempt)) AS next, toUnixTimestamp64Milli(min(CreatedAt)) AS created,
          anyIf(Notification, Attempt = 0) AS notification
        FROM ${deliveries}
        WHERE CreatedAt >= ${new Date(since)}
        GROUP BY DeliveryId
        HAVING status IN ('pending', 'retry') AND notification != ''
        ORDER BY created, id`)
      return rows.map((row) => ({
        id: row.id,
        channel: row.channel,
        notification: JSON.parse(row.notification) as AlertNotification,
        createdAt: Number(row.created),
        attempts: Number(row.attempts),
        nextAttemptAt: Number(row.next),
      }))
    },

    async deliveryHistory(tenant, dedupKeys, limitPerAlert) {
      if (dedupKeys.length === 0) return []
      const rows = await warehouse.rows<HistoryRow>(sql`
        SELECT DeliveryId, DedupKey, Tenant, Channel, Action, Attempt, Status, HttpStatus, Error, DurationMs,
          toUnixTimestamp64Milli(At) AS at, toUnixTimestamp64Milli(CreatedAt) AS created, toUnixTimestamp64Milli(NextAttemptAt) AS next
        FROM ${deliveries}
        WHERE Tenant = ${tenant} AND has(${dedupKeys}, DedupKey) AND DeliveryId GLOBAL IN (
          SELECT DeliveryId FROM ${deliveries}
          WHERE Tenant = ${tenant} AND has(${dedupKeys}, DedupKey) AND Attempt = 0
          ORDER BY CreatedAt DESC LIMIT ${limitPerAlert} BY DedupKey)
        ORDER BY created DESC, DeliveryId, Attempt`)
      const byId = new Map<string, { history: DeliveryHistory; attempts: DeliveryAttempt[] }>()
      for (const row of rows) {
        let entry = byId.get(row.DeliveryId)
        if (!entry) {
          const attempts: DeliveryAttempt[] = []
          entry = {
            attempts,
            history: {
              id: row.DeliveryId,
              dedupKey: row.DedupKey,
              channel: row.Channel,
              action: row.Action === 'resolve' ? 'resolve' : 'trigger',
              createdAt: Number(row.created),
              attempts,
            },
          }
          byId.set(row.DeliveryId, entry)
        }
        if (Number(row.Attempt) === 0) continue
        entry.attempts.push({
          deliveryId: row.DeliveryId,
          tenant: row.Tenant,
          dedupKey: row.DedupKey,
          channel: row.Channel,
          action: entry.history.action,
          attempt: Number(row.Attempt),
          at: Number(row.at),
          outcome: row.Status === 'delivered' ? 'delivered' : row.Status === 'retry' ? 'retry' : 'failed',
          ...(Number(row.HttpStatus) > 0 ? { httpStatus: Number(row.HttpStatus) } : {}),
          ...(row.Error ? { error: row.Error } : {}),
          durationMs: Number(row.DurationMs),
          ...(row.Status === 'retry' ? { nextAttemptAt: Number(row.next) } : {}),
        })
      }
      return [...byId.values()].map((entry) => entry.history)
    },
  }
}
