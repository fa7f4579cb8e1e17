/**
 * The dead_letter_unreplayed rule: dead letters older than the rule's threshold (and within its
 * lookback) that nothing has replayed yet, per tenant and group, with the orders they hold up.
 * What counts as a replay is the estate's rule, the one the failed-messages view shows.
 */
import { deadLetterOutcomesQuery, MESSAGE_DESTINATION } from '../../estate/index.ts'
import { joinSql, sql, tableRef, type SchemaTarget, type Sql } from '../../storage/index.ts'
import type { DeadLetterUnreplayedRule } from '../rules.ts'
import { spanGroups } from './group-columns.ts'
import { impactOf } from './span-queries.ts'

/** The dead letters the rule watches: in its lookback, old enough, of its destination and service. */
function watched(rule: DeadLetterUnreplayedRule, now: Date): Sql {
  const since = new Date(now.getTime() - rule.lookbackMs)
  const until = new Date(now.getTime() - rule.olderThanMs)
  return joinSql(
    [
      sql`Timestamp >= ${since} AND Timestamp <= ${until}`,
      ...(rule.destination !== undefined ? [sql`${MESSAGE_DESTINATION} = ${rule.destination}`] : []),
      ...(rule.service !== undefined ? [sql`ServiceName = ${rule.service}`] : []),
    ],
    ' AND ',
  )
}

/** One row per tenant and group with dead letters still waiting; the value is how many. */
export function deadLetterUnreplayedQuery(target: SchemaTarget, rule: DeadLetterUnreplayedRule, now: Date): Sql {
  const since = new Date(now.getTime() - rule.lookbackMs)
  const condition = watched(rule, now)
  return sql`
    SELECT Tenant AS tenant, ${spanGroups(rule.groupBy)} AS groups, uniqExact(TraceId, SpanId) AS value, ${impactOf(sql`1`)},
      map('dead_letters', toString(value), 'oldest', formatDateTime(min(Timestamp), '%Y-%m-%dT%H:%i:%SZ', 'UTC')) AS details
    FROM ${tableRef(target, 'spans')}
    WHERE DeadLetter = 1 AND ${condition} AND (Tenant, TraceId, SpanId) GLOBAL IN (
      SELECT tenant, traceId, spanId FROM (${deadLetterOutcomesQuery(target, condition, since)}) WHERE state = 'waiting')
    GROUP BY tenant, groups`
}
