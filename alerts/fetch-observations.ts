/**
 * Runs every rule's query through the Warehouse and maps the rows to observations. A rule whose
 * query fails is left out of the result, so the evaluator keeps its alerts as they were, and
 * the failure is returned as a value for the caller to log.
 */
import type { SchemaTarget, Warehouse } from '../ingest/index.ts'
import type { Observation } from './observation.ts'
import type { JourneyShape } from './queries/journey-queries.ts'
import { toObservation, type ObservationRow } from './queries/observation-rows.ts'
import { ruleQuery } from './queries/rule-query.ts'
import type { AlertRule } from './rules.ts'

/** Observations per rule name, and the rules whose query failed. */
export interface FetchResult {
  readonly observations: ReadonlyMap<string, readonly Observation[]>
  readonly failures: readonly { readonly rule: string; readonly error: unknown }[]
}

/** Queries run at once: enough to overlap round trips, few enough not to crowd out the query API. */
const CONCURRENCY = 4

/** Fetches the observations of every rule at `now`. */
export async function fetchObservations(warehouse: Warehouse, target: SchemaTarget, rules: readonly AlertRule[], journeys: readonly JourneyShape[], now: Date): Promise<FetchResult> {
  const observations = new Map<string, readonly Observation[]>()
  const failures: { rule: string; error: unknown }[] = []
  // Rules that ask the same question (a backlog at two thresholds) share one query per round.
  const asked = new Map<string, Promise<ObservationRow[]>>()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < rules.length) {
      const rule = rules[next++]!
      try {
        const query = ruleQuery(target, rule, journeys, now)
        const key = `${query.sql.text}\u0000${JSON.stringify(query.sql.params)}`
        let rows = asked.get(key)
        if (!rows) asked.set(key, (rows = warehouse.rows<ObservationRow>(query.sql)))
        // A failed shared query fails every rule that asked it.
        observations.set(rule.name, (await rows).map((row) => toObservation(rule, query.meaning, row)))
      } catch (error) {
        failures.push({ rule: rule.name, error })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rules.length) }, worker))
  return { observations, failures }
}
