/**
 * What the queries report for one rule: a value per tenant and group with its business impact,
 * and the pure test of whether that value breaches the rule (HyperDX's doesExceedThreshold).
 */
import { describeImpact, type Impact } from './impact.ts'
import { durationText } from '../core/index.ts'
import type { AlertRule, QueueDelayRule } from './rules.ts'

/** The group of the summary alert a rule raises for the groups past its cap (./group-cap.ts). */
export const OVERFLOW_GROUP: Readonly<Record<string, string>> = Object.freeze({ more: 'other groups' })

/** One group's figure for one rule. */
export interface Observation {
  readonly tenant: string
  readonly group: Readonly<Record<string, string>>
  /** The figure the rule tests: p95 in ms, an error share, late journeys, mismatched SKUs. */
  readonly value: number
  readonly impact: Impact
}

/** The figure a rule compares against. */
export function thresholdOf(rule: AlertRule): number {
  switch (rule.type) {
    case 'latency':
    case 'queue_delay':
      return rule.thresholdMs
    case 'error_rate':
      return rule.threshold
    case 'stage_sla':
      return 0
    case 'inventory_mismatch':
      return 0
    case 'settlement_unposted':
      return 0
    case 'backlog':
      return rule.maxPending
    case 'duplicate':
    case 'dead_letter_unreplayed':
      return 0
  }
}

/** Whether a value breaches the rule. Every rule breaches strictly above its threshold. */
export function breaches(rule: AlertRule, value: number): boolean {
  return value > thresholdOf(rule)
}

/**
 * How long a breach must hold before the alert fires. An inventory rule applies its `for` per
 * SKU and location in the query (a mismatch must hold for that long), so a store with a
 * different SKU in propagation lag at every moment does not page; the group fires at once.
 */
export function holdMs(rule: AlertRule): number {
  return rule.type === 'inventory_mismatch' ? 0 : rule.forMs
}

function groupText(group: Readonly<Record<string, string>>, impact: Impact): string {
  if (group.more === OVERFLOW_GROUP.more && typeof impact.details.groups === 'number') return ` (in ${impact.details.groups} more groups)`
  const entries = Object.entries(group)
  return entries.length === 0
    ? ''
    : ` (${entries.map(([key, value]) => `${key.replace(/^retail\./, '').replace(/\.id$/, '')} ${value || '(none)'}`).join(', ')})`
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits
const journeys = (count: number, type = ''): string => `${count} ${type ? `${type} ` : ''}${count === 1 ? 'journey' : 'journeys'}`

/** ` for erp.orders from pos-gateway to erp-gateway`: what a queue-delay rule watches. */
function queueText(rule: QueueDelayRule): string {
  return `${rule.destination ? ` for ${rule.destination}` : ''}${rule.from ? ` from ${rule.from}` : ''}${rule.to ? ` to ${rule.to}` : ''}`
}

/** One line that says what is wrong, where, and what it costs; the paging tool's title. */
export function summarise(rule: AlertRule, observation: Observation): string {
  const where = groupText(observation.group, observation.impact)
  const impact = describeImpact(observation.impact)
  switch (rule.type) {
    case 'latency':
      return `p${rule.percentile} of ${rule.service}${rule.span ? ` ${rule.span}` : ''} is ${round(observation.value, 0)} ms, over ${rule.thresholdMs} ms${where}: ${impact}`
    case 'queue_delay':
      return `p${rule.percentile} of the wait in the queue${queueText(rule)} is ${round(observation.value, 0)} ms, over ${rule.thresholdMs} ms${where}: ${impact}`
    case 'error_rate':
      return `${round(observation.value * 100, 1)}% of ${rule.service}${rule.span ? ` ${rule.span}` : ''} spans failed, over ${round(rule.threshold * 100, 1)}%${where}: ${impact}`
    case 'stage_sla':
      return `${journeys(observation.value, rule.journey)} reached ${rule.after} but not ${rule.expect} within ${durationText(rule.withinMs)}${where}: ${impact}`
    case 'inventory_mismatch': {
      // The pairs themselves say more than a count: which article, where, and each system's figure.
      const pairs = observation.impact.details.pairs
      return `on-hand differs between systems by more than ${rule.tolerance} units for ${observation.value} ${observation.value === 1 ? 'SKU' : 'SKUs'}${where}${pairs ? `: ${pairs}` : ''}`
    }
    case 'settlement_unposted':
      return `${observation.value} ${observation.value === 1 ? 'settlement' : 'settlements'} ${(rule.after || 'batched').split('.').pop()} more than ${durationText(rule.olderThanMs)} ago ${observation.value === 1 ? 'is' : 'are'} not posted to the ERP${where}: ${impact}`
    case 'backlog':
      return `${journeys(observation.value)} reached ${rule.fromStage} but not ${rule.toStage}, over ${rule.maxPending}${where}: ${impact}`
    case 'dead_letter_unreplayed': {
      const what = `${observation.value} ${observation.value === 1 ? 'dead letter' : 'dead letters'}`
      const on = `${rule.destination ? ` on ${rule.destination}` : ''}${rule.service ? ` of ${rule.service}` : ''}`
      return `${what}${on} waiting for a replay for more than ${durationText(rule.olderThanMs)}${where}: ${impact}`
    }
    case 'duplicate':
      return `${journeys(observation.value, rule.journey)} reached ${rule.stage ?? observation.impact.details.stages ?? 'a once-only stage'} more than once in ${durationText(rule.windowMs)}${where}: ${impact}`
  }
}
