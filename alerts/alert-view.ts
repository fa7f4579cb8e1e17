/** An alert as the API shows it: ISO times, links to the dashboard, and its deliveries. */
import type { AlertDeliveryView, AlertRuleView, AlertView } from '../core/index.ts'
import { breaches, thresholdOf, type Observation } from './observation.ts'
import type { AlertRule } from './rules.ts'
import type { AlertRecord } from './alert-record.ts'
import { impactLinks } from './impact.ts'
import type { DeliveryHistory } from './store/alert-store.ts'

const iso = (ms: number): string => new Date(ms).toISOString()

/** The view of a delivery's recorded life. */
function deliveryView(history: DeliveryHistory): AlertDeliveryView {
  const last = history.attempts.at(-1)
  return {
    id: history.id,
    channel: history.channel,
    action: history.action,
    status: !last || last.outcome === 'retry' ? 'pending' : last.outcome,
    createdAt: iso(history.createdAt),
    attempts: history.attempts.map((a) => ({
      attempt: a.attempt,
      at: iso(a.at),
      outcome: a.outcome,
      durationMs: a.durationMs,
      ...(a.httpStatus !== undefined ? { httpStatus: a.httpStatus } : {}),
      ...(a.error !== undefined ? { error: a.error } : {}),
      ...(a.nextAttemptAt !== undefined ? { nextAttemptAt: iso(a.nextAttemptAt) } : {}),
    })),
  }
}

/** The view of an alert with the deliveries of its notifications. */
export function alertView(record: AlertRecord, deliveries: readonly DeliveryHistory[], now: number): AlertView {
  return {
    dedupKey: record.dedupKey,
    rule: record.rule,
    type: record.type,
    severity: record.severity,
    state: record.state,
    group: record.group,
    value: record.value,
    threshold: record.threshold,
    summary: record.summary,
    impact: record.impact,
    links: impactLinks(record.impact),
    activeSince: iso(record.activeSince),
    ...(record.firedAt !== undefined ? { firedAt: iso(record.firedAt) } : {}),
    ...(record.resolvedAt !== undefined ? { resolvedAt: iso(record.resolvedAt) } : {}),
    lastEvaluatedAt: iso(record.lastEvaluatedAt),
    flapping: record.flapping,
    ...(record.silencedUntil !== undefined && record.silencedUntil > now
      ? { silence: { until: iso(record.silencedUntil), reason: record.silenceReason ?? '' } }
      : {}),
    notified: record.notified,
    history: record.history.map((h) => ({
      at: iso(h.at),
      state: h.state,
      value: h.value,
      ...(h.note !== undefined ? { note: h.note } : {}),
    })),
    deliveries: deliveries.map(deliveryView),
  }
}

const URGENCY = { firing: 0, pending: 1, resolved: 2 } as const

/** Most urgent first: firing, then pending, then resolved; the most recent first within each. */
export function byUrgency(a: AlertRecord, b: AlertRecord): number {
  return (
    URGENCY[a.state] - URGENCY[b.state] ||
    (b.resolvedAt ?? b.activeSince) - (a.resolvedAt ?? a.activeSince) ||
    a.dedupKey.localeCompare(b.dedupKey)
  )
}

/** A rule as the list shows it: its threshold, and the value of its worst group for the tenant in the last round. */
export function ruleView(
  rule: AlertRule,
  tenant: string,
  observations: readonly Observation[] | undefined,
  error: string | undefined,
): AlertRuleView {
  const { worst, breaching } = worstGroup(rule, tenant, observations)
  return {
    name: rule.name,
    type: rule.type,
    severity: rule.severity,
    channels: rule.channels,
    threshold: thresholdOf(rule),
    ...(worst !== undefined ? { value: worst.value, group: worst.group } : {}),
    breaching,
    ...(error !== undefined ? { error } : {}),
  }
}

/** A tenant's worst group in a rule's round (the highest value), and how many of its groups breach. */
export function worstGroup(
  rule: AlertRule,
  tenant: string,
  observations: readonly Observation[] | undefined,
): { readonly worst: Observation | undefined; readonly breaching: number } {
  const own = (observations ?? []).filter((observation) => observation.tenant === tenant)
  const worst = own.reduce<Observation | undefined>(
    (top, observation) => (top === undefined || observation.value > top.value ? observation : top),
    undefined,
  )
  return { worst, breaching: own.filter((observation) => breaches(rule, observation.value)).length }
}
