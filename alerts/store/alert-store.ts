/**
 * Where alerts and the outbox are kept across restarts. The ClickHouse implementation is the
 * production one; the in-memory one serves the unit tests and the benchmark.
 */
import type { AlertRecord } from '../alert-record.ts'
import type { Delivery, DeliveryAttempt } from '../delivery/delivery.ts'

/** A delivery's recorded life: created, then each attempt. */
export interface DeliveryHistory {
  readonly id: string
  readonly dedupKey: string
  readonly channel: string
  readonly action: 'trigger' | 'resolve'
  readonly createdAt: number
  readonly attempts: readonly DeliveryAttempt[]
}

/** Durable alert state and outbox. */
export interface AlertStore {
  /** Every alert not forgotten. */
  loadAlerts(): Promise<AlertRecord[]>
  /** Writes changed alerts and forgets removed ones. */
  saveAlerts(changed: readonly AlertRecord[], removed: readonly { readonly tenant: string; readonly dedupKey: string }[]): Promise<void>
  /** Puts deliveries in the outbox; durable once this resolves. */
  enqueue(deliveries: readonly Delivery[]): Promise<void>
  /** Records an attempt and the delivery's state after it. */
  recordAttempt(delivery: Delivery, attempt: DeliveryAttempt): Promise<void>
  /** Deliveries neither delivered nor given up, created since `since`, oldest first. */
  pendingDeliveries(since: number): Promise<Delivery[]>
  /** The recent deliveries of some alerts of a tenant, newest first. */
  deliveryHistory(tenant: string, dedupKeys: readonly string[], limitPerAlert: number): Promise<DeliveryHistory[]>
}
