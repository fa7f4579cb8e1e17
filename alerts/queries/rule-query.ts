/** The query each rule type asks, chosen by an exhaustive switch the compiler checks. */
import type { SchemaTarget, Sql } from '../../ingest/index.ts'
import type { AlertRule } from '../rules.ts'
import { inventoryMismatchQuery } from './inventory-query.ts'
import { pendingJourneysOf, pendingJourneysQuery, type JourneyShape } from './journey-queries.ts'
import { rowMeaning, type RowMeaning } from './observation-rows.ts'
import { errorRateQuery, latencyQuery } from './span-queries.ts'

/** A rule's SQL and how to read its rows. */
export interface RuleQuery {
  readonly sql: Sql
  readonly meaning: RowMeaning
}

/** The query of one rule at `now`; throws UnknownJourneyError for a journey nobody configured. */
export function ruleQuery(target: SchemaTarget, rule: AlertRule, journeys: readonly JourneyShape[], now: Date): RuleQuery {
  switch (rule.type) {
    case 'latency':
      return { sql: latencyQuery(target, rule, now), meaning: rowMeaning(rule, undefined) }
    case 'error_rate':
      return { sql: errorRateQuery(target, rule, now), meaning: rowMeaning(rule, undefined) }
    case 'inventory_mismatch':
      return { sql: inventoryMismatchQuery(target, rule, now), meaning: rowMeaning(rule, undefined) }
    case 'stage_sla':
    case 'settlement_unposted':
    case 'backlog': {
      const question = pendingJourneysOf(rule, journeys)
      return { sql: pendingJourneysQuery(target, question, now), meaning: rowMeaning(rule, question.journeyType) }
    }
  }
}
