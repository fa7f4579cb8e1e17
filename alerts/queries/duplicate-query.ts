/**
 * The duplicate rule: journeys of a type whose once-only stages (or one of them) were reached by
 * more than one document in the window, per tenant and group, with the amount the repeats put at
 * risk. Postings are read as the journeys' duplicate list reads them (spans and log records, one
 * identity per ERP document, payment or trace), so the alert names what the finance page shows.
 */
import { DUPLICATE_POSTING_SOURCES, postingRows, type JourneyDefinition } from '../../journeys/index.ts'
import { joinSql, sql, type SchemaTarget, type Sql } from '../../storage/index.ts'
import type { DuplicateRule, GroupKey } from '../rules.ts'
import { groupValues } from './group-columns.ts'

/** A group key's value on a posting: the system is a column, the rest attributes of the span or record. */
function postingGroupValue(key: GroupKey): Sql {
  return key === 'retail.system' ? sql`RetailSystem` : sql`if(Attributes[${key}] != '', Attributes[${key}], ResourceAttributes[${key}])`
}

/** The duplicate rule's statement: one row per tenant and group with at least one journey posted twice. */
export function duplicateQuery(
  target: SchemaTarget,
  rule: DuplicateRule,
  journey: Pick<JourneyDefinition, 'type' | 'rootKey' | 'stages'>,
  now: Date,
): Sql {
  const stages = journey.stages.filter((stage) => stage.once && (rule.stage === undefined || stage.name === rule.stage))
  if (stages.length === 0)
    throw new Error(
      rule.stage === undefined
        ? `journey ${journey.type} has no once-only stage (mark one with once: true)`
        : `${rule.stage} is not a once-only stage of ${journey.type} (mark it with once: true)`,
    )
  const only = { ...journey, stages }
  const window = { fromMs: now.getTime() - rule.windowMs, toMs: now.getTime() }
  const sources = DUPLICATE_POSTING_SOURCES.map(
    (table) => sql`
    SELECT *, ${groupValues(rule.groupBy.map(postingGroupValue))} AS Groups
    FROM (${postingRows(target, table, [only], window)})`,
  )
  return sql`
    SELECT Tenant AS tenant, Groups AS groups, count() AS value, count() AS affected,
      sum(Amount * (Postings - 1)) AS amount, max(Currency) AS currency,
      arrayFilter(s -> s != '', groupUniqArray(20)(Store)) AS stores, groupUniqArray(20)(Key) AS keys,
      arraySlice(arrayDistinct(arrayFlatten(groupArray(Traces))), 1, 10) AS traces,
      map('postings', toString(sum(Postings)), 'stages', arrayStringConcat(arraySort(groupUniqArray(Stage)), ', ')) AS details
    FROM (
      SELECT Tenant, Key, Stage, Store, any(Groups) AS Groups, uniqExact(Posting) AS Postings, max(Amount) AS Amount,
        max(Currency) AS Currency, arrayFilter(t -> t != '', groupUniqArray(10)(TraceId)) AS Traces
      FROM (SELECT * FROM (${joinSql(sources, ' UNION ALL ')}) WHERE Key != '' LIMIT 1 BY Tenant, TraceId, Id)
      GROUP BY Tenant, Key, Stage, Store
      HAVING Postings > 1
    )
    GROUP BY tenant, groups`
}
