/**
 * A delivery is one notification to one channel, kept in the outbox until the channel accepts
 * it or it is given up; every attempt at it is recorded.
 */
import type { AlertNotification } from '../notification.ts'

/** One notification on its way to one channel. */
export interface Delivery {
  /** `<notification id>/<channel>`: unique, so an outbox replayed after a crash is idempotent. */
  readonly id: string
  readonly channel: string
  readonly notification: AlertNotification
  readonly createdAt: number
  /** Attempts made so far. */
  readonly attempts: number
  readonly nextAttemptAt: number
}

/** How an attempt ended: accepted, to be retried, or given up for good. */
export type AttemptOutcome = 'delivered' | 'retry' | 'failed'

/** One attempt, as recorded. */
export interface DeliveryAttempt {
  readonly deliveryId: string
  readonly tenant: string
  readonly dedupKey: string
  readonly channel: string
  readonly action: AlertNotification['action']
  /** 1 for the first attempt. */
  readonly attempt: number
  readonly at: number
  readonly outcome: AttemptOutcome
  readonly httpStatus?: number
  readonly error?: string
  readonly durationMs: number
  readonly nextAttemptAt?: number
}

/** The deliveries of one notification, one per channel it names. */
export function deliveriesOf(notification: AlertNotification, now: number): Delivery[] {
  return notification.channels.map((channel) => ({
    id: `${notification.id}/${channel}`,
    channel,
    notification,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
  }))
}
