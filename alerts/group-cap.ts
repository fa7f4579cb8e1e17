/**
 * A rule pages for at most so many groups of one tenant. Group values come from spans, so a
 * sender that puts a fresh store id on every span could otherwise open an incident per span:
 * past the cap, the groups already alerting keep their alerts, then the worst, and the rest
 * fold into one summary alert of the rule (group `more: other groups`) that says how many
 * there are and adds up their impact.
 */
import type { Impact } from './impact.ts'
import { OVERFLOW_GROUP, type Observation } from './observation.ts'

/** Groups of one tenant a rule alerts on separately. */
const MAX_GROUPS_PER_RULE = 100

const SAMPLE = 10

/**
 * The observations with each tenant's breaching groups past `max` folded into one. `alerting`
 * says whether a group already has an alert; `breaching` whether an observation breaches.
 */
export function capGroups(
  observations: readonly Observation[],
  breaching: (o: Observation) => boolean,
  alerting: (o: Observation) => boolean,
  max = MAX_GROUPS_PER_RULE,
): Observation[] {
  const byTenant = new Map<string, Observation[]>()
  const kept: Observation[] = []
  for (const observation of observations) {
    if (!breaching(observation)) kept.push(observation)
    else byTenant.set(observation.tenant, [...(byTenant.get(observation.tenant) ?? []), observation])
  }
  for (const [tenant, breaches] of byTenant) {
    if (breaches.length <= max) {
      kept.push(...breaches)
      continue
    }
    const ranked = [...breaches].sort((a, b) => Number(alerting(b)) - Number(alerting(a)) || b.value - a.value)
    kept.push(...ranked.slice(0, max - 1))
    kept.push(folded(tenant, ranked.slice(max - 1)))
  }
  return kept
}

function folded(tenant: string, rest: readonly Observation[]): Observation {
  const impacts = rest.map((o) => o.impact)
  const impact: Impact = {
    count: impacts.reduce((sum, i) => sum + i.count, 0),
    unit: impacts[0]?.unit ?? 'spans',
    amount: impacts.reduce((sum, i) => sum + i.amount, 0),
    currency: impacts.find((i) => i.currency)?.currency ?? '',
    stores: [...new Set(impacts.flatMap((i) => i.stores))].slice(0, SAMPLE),
    journeys: impacts.flatMap((i) => i.journeys).slice(0, SAMPLE),
    traces: impacts.flatMap((i) => i.traces).slice(0, SAMPLE),
    details: { groups: rest.length },
  }
  return { tenant, group: OVERFLOW_GROUP, value: Math.max(...rest.map((o) => o.value)), impact }
}
