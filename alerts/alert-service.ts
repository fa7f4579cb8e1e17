/**
 * The alerting loop: every `interval`, fetch each rule's observations, evaluate them against
 * the alerts held, store the notifications in the outbox, persist the alerts, and only then
 * send. A crash before the alerts are persisted can repeat a notification but never lose one;
 * once a page has gone out, the alert that caused it is on disk, so a restart does not page
 * again. Rules are swapped by `reload`; the API reads and silences through the round's lock.
 *
 * Several instances sharing a ClickHouse server elect one leader (./leader/leadership.ts): only
 * it evaluates and delivers, and every round starts from the stored alerts, so the others show
 * what it decided and a silence set through any instance holds.
 */
import { hostname } from 'node:os'
import {
  err,
  ok,
  runPeriodically,
  serialQueue,
  type AlertRuleValuesResponse,
  type AlertsResponse,
  type AlertView,
  type Periodic,
  type Result,
} from '../core/index.ts'
import type { SchemaTarget, Warehouse } from '../storage/index.ts'
import type { AlertBook, AlertRecord } from './alert-record.ts'
import type { AlertMetrics } from './alert-metrics.ts'
import { alertView, byUrgency, ruleView } from './alert-view.ts'
import type { Sender } from './delivery/http-sender.ts'
import { httpSender } from './delivery/http-sender.ts'
import { createOutbox, type Outbox } from './delivery/outbox.ts'
import type { DeliveryAttempt } from './delivery/delivery.ts'
import type { RetryPolicy } from './delivery/retry-policy.ts'
import { evaluateRound } from './evaluate.ts'
import { recordRuleValues, ruleValueRows, ruleValues } from './rule-values.ts'
import { fetchObservations } from './fetch-observations.ts'
import type { Observation } from './observation.ts'
import type { LifecyclePolicy } from './lifecycle.ts'
import type { JourneyShape } from './queries/journey-queries.ts'
import type { AlertsConfig } from './rules.ts'
import { silence, unsilence } from './silence.ts'
import type { AlertStore } from './store/alert-store.ts'
import { clickhouseAlertStore } from './store/clickhouse-alert-store.ts'
import { clickhouseLeaseStore } from './store/clickhouse-lease-store.ts'
import { createLeadership, type Leadership } from './leader/leadership.ts'
import type { Log } from '../telemetry/index.ts'

/** What the service needs. */
export interface AlertServiceOptions {
  readonly warehouse: Warehouse
  readonly target: SchemaTarget
  readonly config: AlertsConfig
  /** The configured journeys, for the root keys and branches of journey rules. */
  readonly journeys: readonly JourneyShape[]
  readonly metrics: AlertMetrics
  readonly log: Log
  readonly store?: AlertStore
  readonly send?: Sender
  readonly retryPolicy?: RetryPolicy
  readonly clock?: () => number
  /** Called after each delivery attempt (benchmarks, tests). */
  readonly onAttempt?: (attempt: DeliveryAttempt) => void
  /**
   * The election among instances that share the database. By default there is one when the
   * warehouse is a server and the alerts are kept in it (several instances may share it), and
   * none on the embedded engine, which one process owns.
   */
  readonly leadership?: Leadership
}

/** The outcome of a silence request. */
export type SilenceOutcome = Result<AlertView, { readonly code: 'not_found' | 'bad_request'; readonly message: string }>

/** The running alerting. */
export interface AlertService {
  /** Loads the alerts and the outbox, then evaluates every interval; links point at `dashboardUrl`. */
  start(dashboardUrl: string): Promise<void>
  /** Swaps in new rules and channels; alerts of removed rules resolve on the next round. */
  reload(config: AlertsConfig): void
  /** Runs one round now (after any round in progress). */
  evaluateNow(): Promise<void>
  /**
   * Whether this instance leads: it evaluates and delivers, and the platform gives the cluster's
   * other background work (summaries, the span-index backfill, merges) to it too. Always true
   * without an election; false until the first round has found out.
   */
  leads(): boolean
  /** A tenant's alerts, optionally only in some states. */
  list(tenant: string, states?: readonly string[]): Promise<AlertsResponse>
  /** A tenant's rules' values round by round over a window. */
  values(tenant: string, window: { readonly fromMs: number; readonly toMs: number }): Promise<AlertRuleValuesResponse>
  silence(tenant: string, dedupKey: string, until: number, reason: string): Promise<SilenceOutcome>
  unsilence(tenant: string, dedupKey: string): Promise<SilenceOutcome>
  stop(): Promise<void>
}

const KEEP_RESOLVED_MS = 24 * 3_600_000
const MAX_LISTED = 500
/** A heartbeat older than this many intervals is a dead instance's. */
const LEASE_INTERVALS = 3

function defaultLeadership(options: AlertServiceOptions): Leadership | undefined {
  if (options.store || options.warehouse.target.kind !== 'server') return undefined
  return createLeadership(clickhouseLeaseStore(options.warehouse, options.target), `${hostname()}/${process.pid}`, options.clock)
}

/** Creates the service; nothing runs until `start`. */
export function createAlertService(options: AlertServiceOptions): AlertService {
  const clock = options.clock ?? Date.now
  const store = options.store ?? clickhouseAlertStore(options.warehouse, options.target, clock)
  const leadership = options.leadership ?? defaultLeadership(options)
  let config = options.config
  let book: AlertBook = {}
  let dashboardUrl = config.dashboardUrl ?? ''
  let evaluatedAt: number | undefined
  const exclusive = serialQueue()
  let loop: Periodic | undefined
  const failing = new Map<string, string>()
  /** The last round's observations per rule, for the rule list: each rule's worst group per tenant. */
  let observed: ReadonlyMap<string, readonly Observation[]> = new Map()
  const send = options.send ?? httpSender()
  // Only while this instance leads; a stopped outbox does not start again, so each term has its own.
  let outbox: Outbox | undefined

  const newOutbox = (): Outbox =>
    createOutbox({
      store,
      send,
      clock,
      metrics: options.metrics,
      log: options.log,
      channel: (name) => config.channels.find((c) => c.name === name),
      dashboardUrl: () => dashboardUrl,
      ...(options.retryPolicy ? { policy: options.retryPolicy } : {}),
      ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
    })

  const policy = (): LifecyclePolicy => ({
    repeatIntervalMs: config.repeatIntervalMs,
    flap: config.flap,
    keepResolvedMs: KEEP_RESOLVED_MS,
    historyLimit: 50,
  })

  const countFiring = (): void => options.metrics.firing.set(Object.values(book).filter((r) => r.state === 'firing').length)

  const loadBook = async (): Promise<void> => {
    book = Object.fromEntries((await store.loadAlerts()).map((record) => [record.dedupKey, record]))
    countFiring()
  }

  /** Starts sending: what earlier terms and processes left undelivered goes first. */
  const takeOver = async (): Promise<void> => {
    outbox = newOutbox()
    await outbox.start()
  }

  const stepDown = async (): Promise<void> => {
    const ending = outbox
    outbox = undefined
    await ending?.stop()
  }

  /** Whether this instance leads this round, taking over or stepping down as the election says. */
  async function lead(): Promise<boolean> {
    if (!leadership) return true
    const leads = await leadership.check(LEASE_INTERVALS * config.intervalMs)
    if (leads && !outbox) {
      options.log.info(`alerts: instance ${leadership.instance} leads the evaluation`)
      await takeOver()
    } else if (!leads && outbox) {
      options.log.info(`alerts: instance ${leadership.instance} hands the evaluation over`)
      await stepDown()
    }
    // Every round starts from the stored alerts: a follower shows the leader's, a leader sees silences set elsewhere.
    await exclusive(loadBook)
    return leads
  }

  async function round(): Promise<void> {
    if (!(await lead())) return
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
    observed = fetched.observations
    try {
      await recordRuleValues(options.warehouse, options.target, ruleValueRows(rules, fetched.observations, now))
    } catch (error) {
      // The chart misses a round; the alerts do not.
      options.log.warn(`alerts: the round's rule values could not be stored: ${error instanceof Error ? error.message : String(error)}`)
    }
    await exclusive(async () => {
      const sending = outbox
      if (!sending) return
      const evaluation = evaluateRound(rules, fetched.observations, book, now, policy())
      const deliveries = await sending.prepare(evaluation.notifications)
      const removed = evaluation.removed.map((dedupKey) => ({ tenant: book[dedupKey]?.tenant ?? '', dedupKey }))
      await store.saveAlerts(evaluation.changed, removed)
      sending.dispatch(deliveries)
      book = evaluation.book
      evaluatedAt = now
      countFiring()
    })
  }

  const rounds = serialQueue()
  const runRound = (): Promise<void> => rounds(round)

  const mutate = (
    tenant: string,
    dedupKey: string,
    change: (record: AlertRecord, now: number) => Result<AlertRecord, string>,
  ): Promise<SilenceOutcome> =>
    exclusive(async () => {
      const record = book[dedupKey]
      if (!record || record.tenant !== tenant) return err({ code: 'not_found', message: `no alert ${dedupKey}` } as const)
      const now = clock()
      const result = change(record, now)
      if (!result.ok) return err({ code: 'bad_request', message: result.error } as const)
      await store.saveAlerts([result.value], [])
      book = { ...book, [dedupKey]: result.value }
      return ok(alertView(result.value, [], now))
    })

  return {
    async start(listeningUrl) {
      dashboardUrl = config.dashboardUrl ?? listeningUrl
      await loadBook()
      // With an election, the first round finds out whether this instance leads.
      if (!leadership) await takeOver()
      await runRound().catch((error: unknown) => options.log.error({ err: error }, 'alert evaluation failed'))
      loop = runPeriodically(runRound, {
        intervalMs: () => config.intervalMs,
        onError: (error) => options.log.error({ err: error }, 'alert evaluation failed'),
      })
    },
    reload(next) {
      config = next
      dashboardUrl = next.dashboardUrl ?? dashboardUrl
      options.log.info(`alert rules reloaded: ${next.rules.length} rules, ${next.channels.length} channels`)
    },
    evaluateNow: () => runRound(),
    leads: () => !leadership || outbox !== undefined,
    values: (tenant, window) => ruleValues(options.warehouse, options.target, config.rules, tenant, window),
    async list(tenant, states) {
      const records = Object.values(book).filter((r) => r.tenant === tenant)
      const listed = records
        .filter((r) => !states || states.includes(r.state))
        .sort(byUrgency)
        .slice(0, MAX_LISTED)
      const histories = await store.deliveryHistory(
        tenant,
        listed.map((r) => r.dedupKey),
        10,
      )
      const now = clock()
      return {
        ...(evaluatedAt !== undefined ? { evaluatedAt: new Date(evaluatedAt).toISOString() } : {}),
        intervalMs: config.intervalMs,
        counts: {
          firing: records.filter((r) => r.state === 'firing').length,
          pending: records.filter((r) => r.state === 'pending').length,
          resolved: records.filter((r) => r.state === 'resolved').length,
        },
        rules: config.rules.map((rule) => ruleView(rule, tenant, observed.get(rule.name), failing.get(rule.name))),
        alerts: listed.map((record) =>
          alertView(
            record,
            histories.filter((h) => h.dedupKey === record.dedupKey),
            now,
          ),
        ),
      }
    },
    silence: (tenant, dedupKey, until, reason) => mutate(tenant, dedupKey, (record, now) => silence(record, until, reason, now)),
    unsilence: (tenant, dedupKey) => mutate(tenant, dedupKey, (record, now) => ok(unsilence(record, now))),
    async stop() {
      await loop?.stop()
      await rounds(() => Promise.resolve())
      const led = outbox !== undefined
      await stepDown()
      if (led) await leadership?.release().catch((error: unknown) => options.log.warn({ err: error }, 'alerts: cannot release the lease'))
    },
  }
}
