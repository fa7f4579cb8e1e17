/**
 * The outbox: notifications become deliveries (one per channel), are written to the store
 * before anything is sent, and are sent with retries until accepted or given up. Deliveries of
 * one alert to one channel go in order (a resolve never overtakes its trigger); different alerts
 * and channels go independently, each channel with its own small pool of connections, so a
 * dead channel never holds the others back. What a stopped or crashed process left in the store
 * is sent by the next one: at least once.
 */
import { err } from '../../core/index.ts'
import type { AlertMetrics } from '../alert-metrics.ts'
import { channelRequest } from '../channels/registry.ts'
import type { AlertNotification } from '../notification.ts'
import type { ChannelConfig } from '../rules.ts'
import type { AlertStore } from '../store/alert-store.ts'
import { deliveriesOf, type Delivery, type DeliveryAttempt } from './delivery.ts'
import type { Sender } from './http-sender.ts'
import { DEFAULT_RETRY_POLICY, nextStep, type RetryPolicy, type SendOutcome } from './retry-policy.ts'
import type { Log } from '../../telemetry/index.ts'

/** What the outbox needs. */
export interface OutboxOptions {
  readonly store: AlertStore
  readonly send: Sender
  /** The channel of a name in the current configuration. */
  readonly channel: (name: string) => ChannelConfig | undefined
  readonly dashboardUrl: () => string
  readonly metrics: Pick<AlertMetrics, 'notificationsSent' | 'notificationsFailed'>
  readonly log: Pick<Log, 'warn' | 'error'>
  readonly policy?: RetryPolicy
  /** Requests in flight per channel. */
  readonly concurrencyPerChannel?: number
  readonly random?: () => number
  readonly clock?: () => number
  /** Called after each attempt is recorded (tests, benchmarks). */
  readonly onAttempt?: (attempt: DeliveryAttempt) => void
}

/** The running outbox. */
export interface Outbox {
  /** Stores the notifications' deliveries, then schedules them; rejects if the store refused them. */
  enqueue(notifications: readonly AlertNotification[]): Promise<void>
  /** Stores the deliveries without sending them yet, so the caller can persist its own state first. */
  prepare(notifications: readonly AlertNotification[]): Promise<readonly Delivery[]>
  /** Sends deliveries that `prepare` stored. */
  dispatch(deliveries: readonly Delivery[]): void
  /** Schedules what earlier processes left undelivered. */
  start(): Promise<void>
  /** Stops sending; undelivered deliveries stay in the store for the next start. */
  stop(): Promise<void>
  /** Deliveries not yet delivered or given up. */
  pending(): number
}

interface Lane {
  readonly queue: Delivery[]
  running?: Promise<void>
}

function pool(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0
  const waiting: (() => void)[] = []
  return async (task) => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve))
    active += 1
    try {
      return await task()
    } finally {
      active -= 1
      waiting.shift()?.()
    }
  }
}

/** Creates the outbox. */
export function createOutbox(options: OutboxOptions): Outbox {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY
  const clock = options.clock ?? Date.now
  const random = options.random ?? Math.random
  const lanes = new Map<string, Lane>()
  const pools = new Map<string, ReturnType<typeof pool>>()
  const known = new Set<string>()
  const timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>()
  const abort = new AbortController()
  let stopped = false

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry)
          resolve()
        }, ms),
        wake: resolve,
      }
      timers.add(entry)
    })

  const poolOf = (channel: string): ReturnType<typeof pool> => {
    let channelPool = pools.get(channel)
    if (!channelPool) pools.set(channel, (channelPool = pool(options.concurrencyPerChannel ?? 4)))
    return channelPool
  }

  async function attempt(delivery: Delivery): Promise<Delivery | undefined> {
    const config = options.channel(delivery.channel)
    const number = delivery.attempts + 1
    const started = clock()
    const outcome: SendOutcome = config
      ? await poolOf(delivery.channel)(() =>
          options.send(channelRequest(config, delivery.notification, { dashboardUrl: options.dashboardUrl(), now: clock() }), abort.signal),
        )
      : err({ status: 410, message: `channel '${delivery.channel}' is no longer configured` })
    if (stopped) return delivery
    const now = clock()
    const decision = nextStep(outcome, number, delivery.createdAt, now, policy, random)
    const labels = { channel: delivery.channel, type: config?.type ?? 'unknown' }
    if (outcome.ok) options.metrics.notificationsSent.inc(labels)
    else options.metrics.notificationsFailed.inc(labels)
    const next: Delivery = { ...delivery, attempts: number, nextAttemptAt: decision.kind === 'retry' ? decision.at : now }
    const record: DeliveryAttempt = {
      deliveryId: delivery.id,
      tenant: delivery.notification.tenant,
      dedupKey: delivery.notification.dedupKey,
      channel: delivery.channel,
      action: delivery.notification.action,
      attempt: number,
      at: now,
      outcome: decision.kind === 'done' ? 'delivered' : decision.kind === 'retry' ? 'retry' : 'failed',
      durationMs: now - started,
      ...(outcome.ok
        ? { httpStatus: outcome.value.status }
        : outcome.error.status !== undefined
          ? { httpStatus: outcome.error.status }
          : {}),
      ...(outcome.ok
        ? {}
        : { error: decision.kind === 'give_up' ? `${outcome.error.message}; ${decision.reason}` : outcome.error.message }),
      ...(decision.kind === 'retry' ? { nextAttemptAt: decision.at } : {}),
    }
    if (decision.kind === 'give_up')
      options.log.warn(
        `alert ${delivery.notification.dedupKey}: ${delivery.notification.action} to channel '${delivery.channel}' ${decision.reason}: ${outcome.ok ? '' : outcome.error.message}`,
      )
    try {
      await options.store.recordAttempt(next, record)
    } catch (error) {
      // The send happened; if the record is lost the next process sends again, which at-least-once allows.
      options.log.error({ err: error }, `cannot record delivery attempt ${delivery.id}`)
    }
    options.onAttempt?.(record)
    return decision.kind === 'retry' ? next : undefined
  }

  async function drain(key: string, lane: Lane): Promise<void> {
    while (!stopped && lane.queue.length > 0) {
      const head = lane.queue[0]!
      const wait = head.nextAttemptAt - clock()
      if (wait > 0) await sleep(wait)
      if (stopped) return
      const retry = await attempt(head)
      if (stopped) return
      if (retry) lane.queue[0] = retry
      else {
        lane.queue.shift()
        known.delete(head.id)
      }
    }
    lane.running = undefined
    if (lane.queue.length === 0) lanes.delete(key)
  }

  function schedule(delivery: Delivery): void {
    if (known.has(delivery.id)) return
    known.add(delivery.id)
    const key = `${delivery.channel}\u0000${delivery.notification.dedupKey}`
    let lane = lanes.get(key)
    if (!lane) lanes.set(key, (lane = { queue: [] }))
    lane.queue.push(delivery)
    if (!lane.running && !stopped) {
      const running = lane
      running.running = drain(key, running).catch((error: unknown) => options.log.error({ err: error }, 'delivery lane failed'))
    }
  }

  const prepare = async (notifications: readonly AlertNotification[]): Promise<readonly Delivery[]> => {
    const deliveries = notifications.flatMap((notification) => deliveriesOf(notification, clock()))
    if (deliveries.length > 0) await options.store.enqueue(deliveries)
    return deliveries
  }

  return {
    async enqueue(notifications) {
      for (const delivery of await prepare(notifications)) schedule(delivery)
    },
    prepare,
    dispatch(deliveries) {
      for (const delivery of deliveries) schedule(delivery)
    },
    async start() {
      const left = await options.store.pendingDeliveries(clock() - policy.maxAgeMs)
      for (const delivery of left) schedule(delivery)
    },
    async stop() {
      stopped = true
      abort.abort()
      for (const entry of timers) {
        clearTimeout(entry.timer)
        entry.wake()
      }
      timers.clear()
      await Promise.all([...lanes.values()].flatMap((lane) => (lane.running ? [lane.running] : [])))
    },
    pending: () => known.size,
  }
}
