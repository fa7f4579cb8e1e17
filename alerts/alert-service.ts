/**
 * The alerting loop: every `interval`, fetch each rule's observations, evaluate them against
 * the alerts held, store the notifications in the outbox, persist the alerts, and only then
 * send. A crash before the alerts are persisted can repeat a notification but never lose one;
 * once a page has gone out, the alert that caused it is on disk, so a restart does not page
 * again. Rules are swapped by `reload`; the API reads and silences through the round's lock.
 */
import type { AlertsResponse, AlertView } from '../core/index.ts'
import type { SchemaTarget, Warehouse } from '../ingest/index.ts'
import type { AlertBook, AlertRecord } from './alert-record.ts'
import type { AlertMetrics } from './alert-metrics.ts'
import { alertView, byUrgency } from './alert-view.ts'
import type { Sender } from './delivery/http-sender.ts'
import { httpSender } from './delivery/http-sender.ts'
import { createOutbox, type Outbox } from './delivery/outbox.ts'
import type { DeliveryAttempt } from './delivery/delivery.ts'
import type { RetryPolicy } from './delivery/retry-policy.ts'
import { evaluateRound } from './evaluate.ts'
import { fetchObservations } from './fetch-observations.ts'
import type { LifecyclePolicy } from './lifecycle.ts'
import type { JourneyShape } from './queries/journey-queries.ts'
import type { AlertsConfig } from './rules.ts'
import { silence, unsilence } from './silence.ts'
import type { AlertStore } from './store/alert-store.ts'
import { clickhouseAlertStore } from './store/clickhouse-alert-store.ts'

/** Where the alerting loop reports. */
export interface AlertLog {
  info(message: string): void
  warn(message: string): void
  error(message: string, error?: unknown): void
}

/** What the service needs. */
export interface AlertServiceOptions {
  readonly warehouse: Warehouse
  readonly target: SchemaTarget
  readonly config: AlertsConfig
  /** The configured journeys, for the root keys and branches of journey rules. */
  readonly journeys: readonly JourneyShape[]
  readonly metrics: AlertMetrics
  readonly log: AlertLog
  readonly store?: AlertStore
  readonly send?: Sender
  readonly retryPolicy?: RetryPolicy
  readonly clock?: () => number
  /** Called after each delivery attempt (benchmarks, tests). */
  readonly onAttempt?: (attempt: DeliveryAttempt) => void
}

/** The outcome of a silence request. */
export type SilenceOutcome = { readonly ok: true; readonly alert: AlertView } | { readonly ok: false; readonly code: 'not_found' | 'bad_request'; readonly message: string }

/** The running alerting. */
export interface AlertService {
  /** Loads the alerts and the outbox, then evaluates every interval; links point at `dashboardUrl`. */
  start(dashboardUrl: string): Promise<void>
  /** Swaps in new rules and channels; alerts of removed rules resolve on the next round. */
  reload(config: AlertsConfig): void
  /** Runs one round now (after any round in progress). */
  evaluateNow(): Promise<void>
  /** A tenant's alerts, optionally only in some states. */
  list(tenant: string, states?: readonly string[]): Promise<AlertsResponse>
  silence(tenant: string, dedupKey: string, until: number, reason: string): Promise<SilenceOutcome>
  unsilence(tenant: string, dedupKey: string): Promise<SilenceOutcome>
  stop(): Promise<void>
}

const KEEP_RESOLVED_MS = 24 * 3_600_000
const MAX_LISTED = 500

/** Creates the service; nothing runs until `start`. */
export function createAlertService(options: AlertServiceOptions): AlertService {
  const clock = options.clock ?? Date.now
  const store = options.store ?? clickhouseAlertStore(options.warehouse, options.target, clock)
  let config = options.config
  let book: AlertBook = {}
  let dashboardUrl = config.dashboardUrl ?? ''
  let evaluatedAt: number | undefined
  let lock: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const failing = new Map<string, string>()

  const outbox: Outbox = createOutbox({
    store, send: options.send ?? httpSender(), clock, metrics: options.metrics, log: options.log,
    channel: (name) => config.channels.find((c) => c.name === name),
    dashboardUrl: () => dashboardUrl,
    ...(options.retryPolicy ? { policy: options.retryPolicy } : {}),
    ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
  })

  /** Runs `task` after every earlier one: rounds and silences never interleave their writes. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = lock.then(task, task)
    lock = run.catch(() => undefined)
    return run
  }

  const policy = (): LifecyclePolicy => ({ repeatIntervalMs: config.repeatIntervalMs, flap: config.flap, keepResolvedMs: KEEP_RESOLVED_MS, historyLimit: 50 })

  const countFiring = (): void => options.metrics.firing.set(Object.values(book).filter((r) => r.state === 'firing').length)

  async function round(): Promise<void> {
    const rules = config.rules
    const now = clock()
    const fetched = await fetchObservations(options.warehouse, options.target, rules, options.journeys, new Date(now))
    for (const { rule, error } of fetched.failures) {
      const message = error instanceof Error ? error.message : String(error)
      // Once per distinct failure, not every interval.
      if (failing.get(rule) !== message) options.log.warn(`alert rule '${rule}' could not be evaluated: ${message}`)
      failing.set(rule, message)
    }
    for (const rule of fetched.observations.keys()) failing.delete(rule)
    await exclusive(async () => {
      const evaluation = evaluateRound(rules, fetched.observations, book, now, policy())
      const deliveries = await outbox.prepare(evaluation.notifications)
      const removed = evaluation.removed.map((dedupKey) => ({ tenant: book[dedupKey]?.tenant ?? '', dedupKey }))
      await store.saveAlerts(evaluation.changed, removed)
      outbox.dispatch(deliveries)
      book = evaluation.book
      evaluatedAt = now
      countFiring()
    })
  }

  let rounds: Promise<void> = Promise.resolve()
  const runRound = (): Promise<void> => {
    rounds = rounds.then(round, round)
    return rounds
  }

  const schedule = (): void => {
    if (stopped) return
    timer = setTimeout(() => {
      runRound().catch((error: unknown) => options.log.error('alert evaluation failed', error)).finally(schedule)
    }, config.intervalMs)
    timer.unref()
  }

  const mutate = (tenant: string, dedupKey: string, change: (record: AlertRecord, now: number) => { ok: true; record: AlertRecord } | { ok: false; reason: string }): Promise<SilenceOutcome> =>
    exclusive(async () => {
      const record = book[dedupKey]
      if (!record || record.tenant !== tenant) return { ok: false, code: 'not_found', message: `no alert ${dedupKey}` } as const
      const now = clock()
      const result = change(record, now)
      if (!result.ok) return { ok: false, code: 'bad_request', message: result.reason } as const
      await store.saveAlerts([result.record], [])
      book = { ...book, [dedupKey]: result.record }
      return { ok: true, alert: alertView(result.record, [], now) } as const
    })

  return {
    async start(listeningUrl) {
      dashboardUrl = config.dashboardUrl ?? listeningUrl
      const records = await store.loadAlerts()
      book = Object.fromEntries(records.map((record) => [record.dedupKey, record]))
      countFiring()
      await outbox.start()
      await runRound().catch((error: unknown) => options.log.error('alert evaluation failed', error))
      schedule()
    },
    reload(next) {
      config = next
      dashboardUrl = next.dashboardUrl ?? dashboardUrl
      options.log.info(`alert rules reloaded: ${next.rules.length} rules, ${next.channels.length} channels`)
    },
    evaluateNow: () => runRound(),
    async list(tenant, states) {
      const records = Object.values(book).filter((r) => r.tenant === tenant)
      const listed = records.filter((r) => !states || states.includes(r.state)).sort(byUrgency).slice(0, MAX_LISTED)
      const histories = await store.deliveryHistory(tenant, listed.map((r) => r.dedupKey), 10)
      const now = clock()
      return {
        ...(evaluatedAt !== undefined ? { evaluatedAt: new Date(evaluatedAt).toISOString() } : {}),
        intervalMs: config.intervalMs,
        counts: { firing: records.filter((r) => r.state === 'firing').length, pending: records.filter((r) => r.state === 'pending').length, resolved: records.filter((r) => r.state === 'resolved').length },
        rules: config.rules.map((rule) => ({ name: rule.name, type: rule.type, severity: rule.severity, channels: rule.channels })),
        alerts: listed.map((record) => alertView(record, histories.filter((h) => h.dedupKey === record.dedupKey), now)),
      }
    },
    silence: (tenant, dedupKey, until, reason) => mutate(tenant, dedupKey, (record, now) => silence(record, until, reason, now)),
    unsilence: (tenant, dedupKey) => mutate(tenant, dedupKey, (record, now) => ({ ok: true, record: unsilence(record, now) })),
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await rounds.catch(() => undefined)
      await outbox.stop()
    },
  }
}
