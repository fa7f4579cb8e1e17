/**
 * The life of one alert, as a pure step: given the record before, whether the rule is breached
 * now, and the time, the record after and what (if anything) to tell the paging tools.
 *
 *   (none) --breach--> pending --held for `for`--> firing --clear--> resolved
 *   pending --clear--> (dropped, or back to resolved if it had fired before)
 *   resolved --breach--> pending (a new episode under the same dedup_key)
 *
 * Notifications follow from the state and from what was last told: a trigger when firing and
 * not yet triggered (or the repeat interval has passed), a resolve when resolved and a trigger
 * was sent. Silences hold triggers back; flapping holds resolves back, so an alert that goes
 * on and off keeps one incident open instead of paging on every flip.
 */
import { isSilenced, type AlertHistoryEntry, type AlertRecord } from './alert-record.ts'
import type { Impact } from './impact.ts'
import { notificationOf, type AlertNotification } from './notification.ts'
import type { FlapPolicy, RuleType, Severity } from './rules.ts'

/** The knobs of the lifecycle that are not per rule. */
export interface LifecyclePolicy {
  readonly repeatIntervalMs: number
  readonly flap: FlapPolicy
  /** A resolved alert is forgotten this long after it resolved. */
  readonly keepResolvedMs: number
  /** History entries kept per alert. */
  readonly historyLimit: number
}

/** What the rule says about one alert in this round. */
export interface StepInput {
  readonly dedupKey: string
  readonly tenant: string
  readonly rule: string
  readonly type: RuleType
  readonly severity: Severity
  readonly group: Readonly<Record<string, string>>
  readonly channels: readonly string[]
  readonly threshold: number
  readonly holdMs: number
  readonly repeatMs: number
  readonly breached: boolean
  /** The latest figure, summary and impact when the group was observed. */
  readonly observed?: { readonly value: number; readonly summary: string; readonly impact: Impact }
  /** Why the alert clears when it is not a normal clear (`rule removed`). */
  readonly clearNote?: string
}

/** The record after a step (undefined when the alert is forgotten) and the notification due. */
export interface StepResult {
  readonly record: AlertRecord | undefined
  readonly notification?: AlertNotification
}

function withHistory(record: AlertRecord, entry: AlertHistoryEntry, limit: number): AlertRecord {
  return { ...record, history: [...record.history, entry].slice(-limit) }
}

function fire(record: AlertRecord, now: number, policy: LifecyclePolicy): AlertRecord {
  return withHistory(
    { ...record, state: 'firing', firedAt: now, firings: [...record.firings, now] },
    { at: now, state: 'firing', value: record.value },
    policy.historyLimit,
  )
}

function fresh(input: StepInput, now: number): AlertRecord {
  return {
    dedupKey: input.dedupKey,
    tenant: input.tenant,
    rule: input.rule,
    type: input.type,
    severity: input.severity,
    group: input.group,
    channels: input.channels,
    state: 'pending',
    value: 0,
    threshold: input.threshold,
    summary: '',
    impact: input.observed!.impact,
    activeSince: now,
    lastEvaluatedAt: now,
    notified: 'none',
    firings: [],
    flapping: false,
    history: [],
  }
}

/** The state machine: the record after this round, before any notification is decided. */
function advance(prev: AlertRecord | undefined, input: StepInput, now: number, policy: LifecyclePolicy): AlertRecord | undefined {
  if (!input.breached && !prev) return undefined
  let record: AlertRecord = prev ?? fresh(input, now)
  record = {
    ...record,
    severity: input.severity,
    channels: input.channels,
    threshold: input.threshold,
    lastEvaluatedAt: now,
    ...(input.observed ? { value: input.observed.value, summary: input.observed.summary, impact: input.observed.impact } : {}),
  }
  if (record.silencedUntil !== undefined && record.silencedUntil <= now) {
    const { silencedUntil: _until, silenceReason: _reason, ...rest } = record
    record = withHistory(rest, { at: now, state: rest.state, value: rest.value, note: 'silence expired' }, policy.historyLimit)
  }
  if (input.breached) {
    if (record.state === 'resolved' || !prev) {
      record = withHistory(
        { ...record, state: 'pending', activeSince: now },
        { at: now, state: 'pending', value: record.value },
        policy.historyLimit,
      )
    }
    if (record.state === 'pending' && now - record.activeSince >= input.holdMs) record = fire(record, now, policy)
  } else if (record.state === 'pending') {
    if (record.firedAt === undefined) return undefined
    record = withHistory(
      { ...record, state: 'resolved' },
      {
        at: now,
        state: 'resolved',
        value: record.value,
        note: input.clearNote ?? `cleared within ${input.holdMs / 1000}s, before it fired again`,
      },
      policy.historyLimit,
    )
  } else if (record.state === 'firing') {
    record = withHistory(
      { ...record, state: 'resolved', resolvedAt: now },
      { at: now, state: 'resolved', value: record.value, ...(input.clearNote ? { note: input.clearNote } : {}) },
      policy.historyLimit,
    )
  }
  const firings = record.firings.filter((at) => now - at < policy.flap.windowMs)
  record = { ...record, firings, flapping: firings.length >= policy.flap.threshold }
  const forgettable =
    record.state === 'resolved' &&
    record.notified !== 'trigger' &&
    !isSilenced(record, now) &&
    now - (record.resolvedAt ?? record.lastEvaluatedAt) >= policy.keepResolvedMs
  return forgettable ? undefined : record
}

/** What to tell the paging tools about a record now, if anything. */
function decide(record: AlertRecord, repeatMs: number, now: number): { action: 'trigger' | 'resolve'; repeat: boolean } | undefined {
  if (record.state === 'firing' && !isSilenced(record, now)) {
    if (record.notified !== 'trigger') return { action: 'trigger', repeat: false }
    if (now - (record.lastNotifiedAt ?? 0) >= repeatMs) return { action: 'trigger', repeat: true }
  }
  // A resolve goes out even under a silence: the silence mutes pages, it must not leave an incident open.
  if (record.state === 'resolved' && record.notified === 'trigger' && !record.flapping) return { action: 'resolve', repeat: false }
  return undefined
}

/** One round for one alert: the next record and the notification it calls for. */
export function step(prev: AlertRecord | undefined, input: StepInput, now: number, policy: LifecyclePolicy): StepResult {
  const record = advance(prev, input, now, policy)
  if (!record) return { record }
  const decision = decide(record, input.repeatMs, now)
  if (!decision) return { record }
  const notified: AlertRecord = { ...record, notified: decision.action, lastNotifiedAt: now }
  return { record: notified, notification: notificationOf(notified, decision.action, decision.repeat, now) }
}
