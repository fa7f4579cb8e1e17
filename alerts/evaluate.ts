/**
 * Evaluation as a pure function: (rules, observations, previous alerts, now) to (alerts,
 * notifications). Fetching observations and delivering notifications happen elsewhere; this
 * file decides, and is tested without a database or a clock.
 */
import { dedupKey, type AlertBook, type AlertRecord } from './alert-record.ts'
import { step, type LifecyclePolicy, type StepInput } from './lifecycle.ts'
import type { AlertNotification } from './notification.ts'
import { breaches, holdMs, summarise, thresholdOf, type Observation } from './observation.ts'
import type { AlertRule } from './rules.ts'
import { capGroups } from './group-cap.ts'

/** The outcome of evaluating. */
export interface Evaluation {
  readonly book: AlertBook
  readonly notifications: readonly AlertNotification[]
  /** Records whose state, notification or silence changed, to persist. */
  readonly changed: readonly AlertRecord[]
  /** Dedup keys forgotten this round. */
  readonly removed: readonly string[]
}

/** Whether a record changed in a way worth persisting; a new figure alone is not. */
function materiallyChanged(before: AlertRecord | undefined, after: AlertRecord): boolean {
  return (
    !before ||
    before.state !== after.state ||
    before.notified !== after.notified ||
    before.lastNotifiedAt !== after.lastNotifiedAt ||
    before.silencedUntil !== after.silencedUntil ||
    before.flapping !== after.flapping ||
    before.history.length !== after.history.length ||
    before.history.at(-1)?.at !== after.history.at(-1)?.at ||
    before.channels.join() !== after.channels.join() ||
    before.severity !== after.severity
  )
}

function inputFor(
  rule: AlertRule,
  policy: LifecyclePolicy,
  key: string,
  tenant: string,
  group: Readonly<Record<string, string>>,
  observation: Observation | undefined,
): StepInput {
  return {
    dedupKey: key,
    tenant,
    rule: rule.name,
    type: rule.type,
    severity: rule.severity,
    group,
    channels: rule.channels,
    threshold: thresholdOf(rule),
    holdMs: holdMs(rule),
    repeatMs: rule.repeatMs ?? policy.repeatIntervalMs,
    breached: observation !== undefined && breaches(rule, observation.value),
    ...(observation ? { observed: { value: observation.value, summary: summarise(rule, observation), impact: observation.impact } } : {}),
  }
}

/** Evaluates one rule against its observations and the alerts it had. */
export function evaluateRule(
  rule: AlertRule,
  observations: readonly Observation[],
  previous: readonly AlertRecord[],
  now: number,
  policy: LifecyclePolicy,
): Evaluation {
  const before = new Map(previous.map((record) => [record.dedupKey, record]))
  const observed = new Map<string, Observation>()
  const capped = capGroups(
    observations,
    (o) => breaches(rule, o.value),
    (o) => before.has(dedupKey(o.tenant, rule.name, o.group)),
  )
  for (const observation of capped) observed.set(dedupKey(observation.tenant, rule.name, observation.group), observation)
  const book: Record<string, AlertRecord> = {}
  const notifications: AlertNotification[] = []
  const changed: AlertRecord[] = []
  const removed: string[] = []
  for (const key of new Set([...before.keys(), ...observed.keys()])) {
    const prev = before.get(key)
    const observation = observed.get(key)
    const tenant = observation?.tenant ?? prev!.tenant
    const group = observation?.group ?? prev!.group
    const result = step(prev, inputFor(rule, policy, key, tenant, group, observation), now, policy)
    if (result.notification) notifications.push(result.notification)
    if (!result.record) {
      if (prev) removed.push(key)
      continue
    }
    book[key] = result.record
    if (materiallyChanged(prev, result.record)) changed.push(result.record)
  }
  return { book, notifications, changed, removed }
}

/** Clears the alerts of a rule that is no longer configured: they resolve, then are forgotten. */
function retire(record: AlertRecord, now: number, policy: LifecyclePolicy): ReturnType<typeof step> {
  return step(
    record,
    {
      dedupKey: record.dedupKey,
      tenant: record.tenant,
      rule: record.rule,
      type: record.type,
      severity: record.severity,
      group: record.group,
      channels: record.channels,
      threshold: record.threshold,
      holdMs: 0,
      repeatMs: policy.repeatIntervalMs,
      breached: false,
      clearNote: 'rule removed from the configuration',
    },
    now,
    { ...policy, keepResolvedMs: 0 },
  )
}

/**
 * One evaluation round over every rule. A rule missing from `results` (its query failed) keeps
 * its alerts as they were: no data is not the same as no problem.
 */
export function evaluateRound(
  rules: readonly AlertRule[],
  results: ReadonlyMap<string, readonly Observation[]>,
  book: AlertBook,
  now: number,
  policy: LifecyclePolicy,
): Evaluation {
  const byRule = new Map<string, AlertRecord[]>()
  for (const record of Object.values(book)) byRule.set(record.rule, [...(byRule.get(record.rule) ?? []), record])
  const next: Record<string, AlertRecord> = {}
  const notifications: AlertNotification[] = []
  const changed: AlertRecord[] = []
  const removed: string[] = []
  const configured = new Set(rules.map((rule) => rule.name))
  for (const rule of rules) {
    const previous = byRule.get(rule.name) ?? []
    const observations = results.get(rule.name)
    if (!observations) {
      for (const record of previous) next[record.dedupKey] = record
      continue
    }
    const evaluation = evaluateRule(rule, observations, previous, now, policy)
    Object.assign(next, evaluation.book)
    notifications.push(...evaluation.notifications)
    changed.push(...evaluation.changed)
    removed.push(...evaluation.removed)
  }
  for (const [name, records] of byRule) {
    if (configured.has(name)) continue
    for (const record of records) {
      const result = retire(record, now, policy)
      if (result.notification) notifications.push(result.notification)
      if (result.record) {
        next[record.dedupKey] = result.record
        if (materiallyChanged(record, result.record)) changed.push(result.record)
      } else removed.push(record.dedupKey)
    }
  }
  return { book: next, notifications, changed, removed }
}
