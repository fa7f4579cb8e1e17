/**
 * The span context an alert is grouped by, as SQL over the spans table. Keys come from the
 * closed list of GroupKey; attribute names are bound as values, never spliced.
 */
import { identifier, joinSql, sql, type Sql } from '../../storage/index.ts'
import type { GroupKey } from '../rules.ts'

/** The value of one group key on one span. */
export function spanGroupValue(key: GroupKey): Sql {
  // The system is a column of its own; the rest are span attributes (baggage puts them on every hop).
  return key === 'retail.system' ? sql`${identifier('RetailSystem')}` : sql`SpanAttributes[${key}]`
}

/** `[value 1, value 2, ...]` as an Array(String), empty for an ungrouped rule. */
export function groupValues(parts: readonly Sql[]): Sql {
  return parts.length === 0 ? sql`CAST([], 'Array(String)')` : sql`[${joinSql(parts, ', ')}]`
}

/** `[value of key 1, value of key 2, ...]` per span, for a GROUP BY over spans. */
export function spanGroups(groupBy: readonly GroupKey[]): Sql {
  return groupValues(groupBy.map(spanGroupValue))
}
