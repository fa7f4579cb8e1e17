/**
 * The columns every rule query answers with, and the pure mapping from such a row to an
 * Observation: one tenant and group, its figure, and its business impact.
 */
import type { Impact, JourneyRef } from '../impact.ts'
import type { Observation } from '../observation.ts'
import type { AlertRule } from '../rules.ts'

/** One row of a rule query (JSONEachRow: 64-bit integers arrive as text). */
export interface ObservationRow {
  readonly tenant: string
  /** Group values in the rule's group_by order. */
  readonly groups: readonly string[]
  readonly value: number | string
  readonly affected: number | string
  readonly amount: number | string
  readonly currency: string
  readonly stores: readonly string[]
  /** Root keys of affected journeys (order ids for span rules). */
  readonly keys: readonly string[]
  readonly traces: readonly string[]
  readonly details: Readonly<Record<string, string>>
}

/** How a rule's rows name what they count and which journeys their keys are. */
export interface RowMeaning {
  /** `orders`, `settlements`, ... */
  readonly unit: string
  /** The journey type of the keys, or undefined when they are not journeys. */
  readonly journeyType?: string
}

const UNITS: Readonly<Record<string, string>> = {
  order: 'orders',
  return: 'returns',
  settlement: 'settlements',
  promotion: 'promotions',
  sale: 'sales',
}

/** The unit a journey type is counted in. */
function unitOf(journeyType: string): string {
  return UNITS[journeyType] ?? `${journeyType} journeys`
}

/** What a rule's rows mean. */
export function rowMeaning(rule: AlertRule, journeyType: string | undefined): RowMeaning {
  switch (rule.type) {
    case 'latency':
    case 'queue_delay':
    case 'error_rate':
    case 'dead_letter_unreplayed':
      return { unit: 'orders', journeyType: 'order' }
    case 'inventory_mismatch':
      return { unit: 'SKU and location pairs' }
    case 'duplicate':
      return { unit: unitOf(rule.journey), journeyType: rule.journey }
    case 'stage_sla':
    case 'settlement_unposted':
    case 'backlog': {
      const type = journeyType ?? 'order'
      return { unit: unitOf(type), journeyType: type }
    }
  }
}

const num = (value: number | string): number => {
  const parsed = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(parsed) ? parsed : 0
}

/**
 * The observation of one row. A key's journey type is the rule's, unless `journeyTypeOf` knows
 * better (an order id a span rule found may be a store sale's).
 */
export function toObservation(
  rule: AlertRule,
  meaning: RowMeaning,
  row: ObservationRow,
  journeyTypeOf?: (key: string) => string | undefined,
): Observation {
  const group: Record<string, string> = {}
  rule.groupBy.forEach((key, i) => {
    group[key] = row.groups[i] ?? ''
  })
  const type = meaning.journeyType
  const journeys: JourneyRef[] = type
    ? row.keys.filter((key) => key !== '').map((key) => ({ type: journeyTypeOf?.(key) ?? type, key }))
    : []
  const impact: Impact = {
    count: num(row.affected),
    unit: meaning.unit,
    amount: Math.round(num(row.amount) * 100) / 100,
    currency: row.currency,
    stores: [...row.stores].sort(),
    journeys,
    traces: [...row.traces],
    details: { ...row.details },
  }
  return { tenant: row.tenant, group, value: num(row.value), impact }
}
