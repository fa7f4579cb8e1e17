/**
 * One alert: a rule breached for one tenant and one group (a store, a channel), identified by a
 * stable dedup_key. The record is plain JSON (times in epoch milliseconds) so it is persisted,
 * restored and compared as it is.
 */
import { createHash } from 'node:crypto'
import type { Impact } from './impact.ts'
import type { RuleType, Severity } from './rules.ts'

/** Where an alert is in its life. */
export type AlertState = 'pending' | 'firing' | 'resolved'

/** The last thing the paging tools were told about an alert. */
export type NotifiedState = 'none' | 'trigger' | 'resolve'

/** One entry of an alert's history. */
export interface AlertHistoryEntry {
  readonly at: number
  readonly state: AlertState
  readonly value: number
  readonly note?: string
}

/** An alert as the evaluator keeps it. */
export interface AlertRecord {
  readonly dedupKey: string
  readonly tenant: string
  readonly rule: string
  readonly type: RuleType
  readonly severity: Severity
  /** Group values, one per `group_by` key; empty for an ungrouped rule. */
  readonly group: Readonly<Record<string, string>>
  /** Channel names at the last evaluation, so a resolve still reaches them after the rule is gone. */
  readonly channels: readonly string[]
  readonly state: AlertState
  readonly value: number
  readonly threshold: number
  readonly summary: string
  readonly impact: Impact
  /** When the current breach began (pending or firing), or the last one did. */
  readonly activeSince: number
  readonly firedAt?: number
  readonly resolvedAt?: number
  readonly lastEvaluatedAt: number
  readonly notified: NotifiedState
  readonly lastNotifiedAt?: number
  /** When it entered firing, within the flap window: many of them mean it flaps. */
  readonly firings: readonly number[]
  readonly flapping: boolean
  readonly silencedUntil?: number
  readonly silenceReason?: string
  /** State changes, oldest first, bounded. */
  readonly history: readonly AlertHistoryEntry[]
}

/** The evaluator's whole memory: every alert by dedup_key. */
export type AlertBook = Readonly<Record<string, AlertRecord>>

/**
 * The dedup_key of a rule and group for a tenant: readable (the rule name first) and stable
 * across restarts and hosts, since paging tools fold everything with one key into one incident.
 */
export function dedupKey(tenant: string, rule: string, group: Readonly<Record<string, string>>): string {
  const canonical = JSON.stringify([tenant, rule, Object.entries(group).sort(([a], [b]) => a.localeCompare(b))])
  return `${rule}-${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`
}

/** Whether a silence holds at `now`. */
export function isSilenced(record: AlertRecord, now: number): boolean {
  return record.silencedUntil !== undefined && record.silencedUntil > now
}
