/**
 * What an alert means for the business: how many orders or settlements, what amount, which
 * stores, and the journeys and traces that show it. Queries fill it; notifications carry it.
 */

/** A journey an alert points at: `/journeys/<type>/<key>` on the dashboard. */
export interface JourneyRef {
  readonly type: string
  readonly key: string
}

/** The business impact of one alert group. */
export interface Impact {
  /** How many business objects are affected, in `unit`. */
  readonly count: number
  /** `orders`, `settlements`, `sales`, `SKUs`, `spans`... */
  readonly unit: string
  /** Money at stake, in `currency`; 0 when the rule has no amount to add up. */
  readonly amount: number
  readonly currency: string
  /** Stores affected, at most a sample. */
  readonly stores: readonly string[]
  /** A sample of the affected journeys. */
  readonly journeys: readonly JourneyRef[]
  /** A sample of traces that show the problem. */
  readonly traces: readonly string[]
  /** Rule-specific figures (`oldest`, `units`, `skus`), for people rather than machines. */
  readonly details: Readonly<Record<string, string | number>>
}

/** Dashboard paths for an alert's journeys and traces. */
export interface ImpactLinks {
  readonly journeys: readonly string[]
  readonly traces: readonly string[]
}

/** No impact known. */
export const NO_IMPACT: Impact = Object.freeze({
  count: 0,
  unit: 'spans',
  amount: 0,
  currency: '',
  stores: [],
  journeys: [],
  traces: [],
  details: {},
})

/** The dashboard paths of an impact's journeys and traces, at most `limit` of each. */
export function impactLinks(impact: Impact, limit = 10): ImpactLinks {
  return {
    journeys: impact.journeys.slice(0, limit).map((j) => `/journeys/${encodeURIComponent(j.type)}/${encodeURIComponent(j.key)}`),
    traces: impact.traces.slice(0, limit).map((t) => `/traces/${encodeURIComponent(t)}`),
  }
}

/** One line for people: `12 orders, 1,234.50 EUR, stores S01, S02`. */
export function describeImpact(impact: Impact): string {
  const parts = [`${impact.count} ${impact.count === 1 ? impact.unit.replace(/s$/, '') : impact.unit}`]
  if (impact.amount > 0)
    parts.push(
      `${impact.amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${impact.currency ? ` ${impact.currency}` : ''}`,
    )
  if (impact.stores.length > 0)
    parts.push(
      `${impact.stores.length === 1 ? 'store' : 'stores'} ${impact.stores.slice(0, 5).join(', ')}${impact.stores.length > 5 ? ', ...' : ''}`,
    )
  return parts.join(', ')
}
