/** An AlertStore in memory: for unit tests and benchmarks, and to show the interface's meaning. */
import type { AlertRecord } from '../alert-record.ts'
import type { Delivery, DeliveryAttempt } from '../delivery/delivery.ts'
import type { AlertStore, DeliveryHistory } from './alert-store.ts'

/** The in-memory store, with its contents open for assertions. */
export interface MemoryAlertStore extends AlertStore {
  readonly alerts: Map<string, AlertRecord>
  readonly deliveries: Map<string, { delivery: Delivery; done: boolean; attempts: DeliveryAttempt[] }>
}

/** A fresh in-memory store. */
export function memoryAlertStore(): MemoryAlertStore {
  const alerts = new Map<string, AlertRecord>()
  const deliveries = new Map<string, { delivery: Delivery; done: boolean; attempts: DeliveryAttempt[] }>()
  return {
    alerts,
    deliveries,
    loadAlerts: () => Promise.resolve([...alerts.values()]),
    saveAlerts(changed, removed) {
      for (const record of changed) alerts.set(record.dedupKey, record)
      for (const { dedupKey } of removed) alerts.delete(dedupKey)
      return Promise.resolve()
    },
    enqueue(list) {
      for (const delivery of list) if (!deliveries.has(delivery.id)) deliveries.set(delivery.id, { delivery, done: false, attempts: [] })
      return Promise.resolve()
    },
    recordAttempt(delivery, attempt) {
      const entry = deliveries.get(delivery.id)
      if (entry) {
        entry.delivery = delivery
        entry.done = attempt.outcome !== 'retry'
        entry.attempts.push(attempt)
      }
      return Promise.resolve()
    },
    pendingDeliveries(since) {
      return Promise.resolve(
        [...deliveries.values()]
          .filter((e) => !e.done && e.delivery.createdAt >= since)
          .map((e) => e.delivery)
          .sort((a, b) => a.createdAt - b.createdAt),
      )
    },
    deliveryHistory(tenant, dedupKeys, limitPerAlert) {
      const keys = new Set(dedupKeys)
      const all: DeliveryHistory[] = [...deliveries.values()]
        .filter((e) => e.delivery.notification.tenant === tenant && keys.has(e.delivery.notification.dedupKey))
        .map((e) => ({
          id: e.delivery.id,
          dedupKey: e.delivery.notification.dedupKey,
          channel: e.delivery.channel,
          action: e.delivery.notification.action,
          createdAt: e.delivery.createdAt,
          attempts: [...e.attempts],
        }))
        .sort((a, b) => b.createdAt - a.createdAt)
      const perAlert = new Map<string, number>()
      return Promise.resolve(
        all.filter((h) => {
          const seen = perAlert.get(h.dedupKey) ?? 0
          perAlert.set(h.dedupKey, seen + 1)
          return seen < limitPerAlert
        }),
      )
    },
  }
}
