/**
 * What the evaluator asks the channels to say: trigger an incident or resolve it, for one
 * dedup_key, with a snapshot of the alert so a delivery retried an hour later still says what
 * was true when it was decided.
 */
import type { AlertRecord, AlertState } from './alert-record.ts'
import type { Impact } from './impact.ts'
import type { RuleType, Severity } from './rules.ts'

/** Open (or re-notify) the incident, or close it. */
export type NotificationAction = 'trigger' | 'resolve'

/** The alert as a notification shows it. */
export interface AlertSnapshot {
  readonly rule: string
  readonly type: RuleType
  readonly severity: Severity
  readonly group: Readonly<Record<string, string>>
  readonly state: AlertState
  readonly value: number
  readonly threshold: number
  readonly summary: string
  readonly impact: Impact
  readonly activeSince: number
  readonly firedAt?: number
  readonly resolvedAt?: number
  readonly flapping: boolean
}

/** One decision to notify, for every channel of the alert. */
export interface AlertNotification {
  /** Unique per decision: `<dedup_key>/<action>/<epoch ms>`. */
  readonly id: string
  readonly dedupKey: string
  readonly tenant: string
  readonly action: NotificationAction
  /** True for a reminder of an alert that is still firing. */
  readonly repeat: boolean
  readonly channels: readonly string[]
  readonly at: number
  readonly alert: AlertSnapshot
}

/** The notification of a decision about a record. */
export function notificationOf(record: AlertRecord, action: NotificationAction, repeat: boolean, now: number): AlertNotification {
  return {
    id: `${record.dedupKey}/${action}/${now}`,
    dedupKey: record.dedupKey,
    tenant: record.tenant,
    action,
    repeat,
    channels: record.channels,
    at: now,
    alert: {
      rule: record.rule,
      type: record.type,
      severity: record.severity,
      group: record.group,
      state: record.state,
      value: record.value,
      threshold: record.threshold,
      summary: record.summary,
      impact: record.impact,
      activeSince: record.activeSince,
      ...(record.firedAt !== undefined ? { firedAt: record.firedAt } : {}),
      ...(record.resolvedAt !== undefined ? { resolvedAt: record.resolvedAt } : {}),
      flapping: record.flapping,
    },
  }
}
