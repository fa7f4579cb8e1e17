/**
 * Queries behind one journey lookup: a hop of the key closure over the key-link index, the
 * traces of the keys found, the traces one queue hop away and their times, and the journey's
 * spans in them.
 */
import { joinSql, sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import type { NeighbourRequest } from './closure.ts'
import type { SpanMatch } from '../model/model.ts'
import { EVIDENCE_MESSAGE, JOURNEY_SPAN_CONDITION } from '../span-index/journey-spans-table.ts'

/** Values of one key name. */
export interface KeyValues {
  readonly key: string
  readonly values: readonly string[]
}

/**
 * The neighbours of the requested keys, at most `perKey` each, with the count of all of them so
 * a key with too many is recognised without reading them all into the process.
 */
export function keyNeighboursQuery(target: SchemaTarget, tenant: string, requests: readonly NeighbourRequest[], perKey: number): Sql {
  const clauses = requests.map(
    (request) => sql`(KeyName = ${request.key} AND KeyValue IN ${request.values} AND LinkedKeyName IN ${request.allowed})`,
  )
  return sql`
    SELECT KeyName AS key, KeyValue AS value, LinkedKeyName AS linkedKey, LinkedKeyValue AS linkedValue,
      toUnixTimestamp64Milli(min(Start)) AS firstMs, toUnixTimestamp64Milli(max(End)) AS lastMs,
      count() OVER (PARTITION BY KeyName, KeyValue) AS neighbours
    FROM ${tableRef(target, 'key_links')}
    WHERE Tenant = ${tenant} AND (${joinSql(clauses, ' OR ')})
    GROUP BY KeyName, KeyValue, LinkedKeyName, LinkedKeyValue
    ORDER BY KeyName, KeyValue, firstMs, LinkedKeyName, LinkedKeyValue
    LIMIT ${perKey} BY KeyName, KeyValue`
}

/** Traces that carry any of the keys, oldest first, from the business-key index. */
export function keysTracesQuery(target: SchemaTarget, tenant: string, keys: readonly KeyValues[], limit: number): Sql {
  const clauses = keys.map((entry) => sql`(KeyName = ${entry.key} AND KeyValue IN ${entry.values})`)
  return sql`
    SELECT TraceId, toString(toUnixTimestamp64Nano(min(Start))) AS StartNs, toString(toUnixTimestamp64Nano(max(End))) AS EndNs
    FROM ${tableRef(target, 'business_keys')}
    WHERE Tenant = ${tenant} AND (${joinSql(clauses, ' OR ')})
    GROUP BY TraceId
    ORDER BY StartNs, TraceId
    LIMIT ${limit}`
}

/** Trace ids one span link away from the given ones (producers and consumers), not yet known. */
export function linkedTraceIdsQuery(target: SchemaTarget, tenant: string, traceIds: readonly string[], known: readonly string[]): Sql {
  return sql`
    SELECT DISTINCT LinkedTraceId FROM ${tableRef(target, 'span_links')}
    WHERE Tenant = ${tenant} AND TraceId IN ${traceIds} AND LinkedTraceId NOT IN ${known}`
}

/** The time spans of some traces, oldest first, from the trace-id index. */
export function traceTimesQuery(target: SchemaTarget, tenant: string, traceIds: readonly string[], limit: number): Sql {
  return sql`
    SELECT TraceId, toString(toUnixTimestamp64Nano(min(Start))) AS StartNs, toString(toUnixTimestamp64Nano(max(End))) AS EndNs
    FROM ${tableRef(target, 'trace_times')}
    WHERE Tenant = ${tenant} AND TraceId IN ${traceIds}
    GROUP BY TraceId
    ORDER BY StartNs, TraceId
    LIMIT ${limit}`
}

/** Spans that a match rule could map onto a stage, for spans stored before the rule existed. */
export function matchRulePredicate(rules: readonly SpanMatch[]): Sql {
  const clauses = rules.map((rule) => {
    const parts: Sql[] = []
    if (rule.service !== undefined) parts.push(sql`ServiceName = ${rule.service}`)
    if (rule.span !== undefined) parts.push(sql`SpanName = ${rule.span}`)
    for (const [name, value] of Object.entries(rule.attributes ?? {})) parts.push(sql`SpanAttributes[${name}] = ${value}`)
    return sql`(${joinSql(parts, ' AND ')})`
  })
  return clauses.length === 0 ? sql`0` : sql`(${joinSql(clauses, ' OR ')})`
}

/** The traces and time range a journey's spans are read from, and the key values that mark its spans. */
export interface JourneyWindow {
  readonly traceIds: readonly string[]
  readonly fromNs: string
  readonly toNs: string
  readonly keyValues: readonly string[]
  /** Whether spans that carry no business key at all belong too. */
  readonly keyless: boolean
}

/** Where a journey's spans are read: the journey-span index, or the spans table for a time it does not hold yet. */
export type JourneySpanSource = 'index' | 'spans'

/**
 * The spans in the journey's traces that matter to it: stages, errors, retries, dead letters and
 * messages toward stores, carrying one of its key values or none. With match rules, spans a rule
 * maps onto a stage join them: those stored before the rule existed. A batch trace shared with
 * other journeys contributes only the spans that carry this one's keys; at most `perStage` spans
 * per stage and store keep a settlement of ten thousand captures from flooding the answer.
 */
export function journeySpansQuery(
  target: SchemaTarget,
  tenant: string,
  window: JourneyWindow,
  source: JourneySpanSource,
  rules: readonly SpanMatch[],
  perStage: number,
  limit: number,
): Sql {
  const inWindow = sql`Tenant = ${tenant} AND TraceId IN ${window.traceIds}
      AND Timestamp >= fromUnixTimestamp64Nano(toInt64(${window.fromNs})) AND Timestamp <= fromUnixTimestamp64Nano(toInt64(${window.toNs}))
      AND (hasAny(mapValues(BusinessKeys), ${window.keyValues})${window.keyless ? sql` OR length(mapKeys(BusinessKeys)) = 0` : sql``})`
  const columns = (message: Sql): Sql =>
    sql`TraceId, SpanId, ServiceName, RetailSystem, SpanName, SpanKind, toUnixTimestamp64Milli(Timestamp) AS TimeMs, StatusCode, ${message} AS StatusMessage, Stage, BusinessKeys`
  const stored = (condition: Sql): Sql => sql`
    SELECT ${columns(EVIDENCE_MESSAGE)}, ${rules.length > 0 ? sql`SpanAttributes` : sql`map()`} AS Attributes, RetailStore AS Store, DeadLetter, RetryAttempt AS Retries, 1 AS ByRule
    FROM ${tableRef(target, 'spans')}
    WHERE ${inWindow} AND ${condition}`
  const indexed = sql`
    SELECT ${columns(sql`StatusMessage`)}, map() AS Attributes, Store, DeadLetter, Retries, 0 AS ByRule
    FROM ${tableRef(target, 'journey_spans')}
    WHERE ${inWindow}`
  // Rule-matched spans carry their attributes, which the rule is checked against, so they win over their indexed copy.
  const spans =
    source === 'spans'
      ? stored(
          rules.length === 0 ? JOURNEY_SPAN_CONDITION : sql`(${JOURNEY_SPAN_CONDITION} OR (Stage = '' AND ${matchRulePredicate(rules)}))`,
        )
      : rules.length === 0
        ? indexed
        : sql`${indexed} UNION ALL ${stored(sql`Stage = '' AND ${matchRulePredicate(rules)}`)}`
  // A span stored twice is one span; then at most perStage of each stage and store.
  return sql`
    SELECT * EXCEPT ByRule FROM (SELECT * FROM (${spans}) ORDER BY TimeMs, SpanId, ByRule DESC LIMIT 1 BY TraceId, SpanId)
    ORDER BY TimeMs, SpanId
    LIMIT ${perStage} BY Stage, Store
    LIMIT ${limit}`
}

/**
 * `retail.amount` and `retail.currency` of some evidence, spans and log records alike: the
 * postings of a duplicate, whose amounts the journey-span index does not hold.
 */
export function evidenceAmountsQuery(target: SchemaTarget, tenant: string, evidence: readonly { traceId: string; spanId: string }[]): Sql {
  const traceIds = [...new Set(evidence.map((e) => e.traceId))]
  const ids = evidence.map((e) => e.spanId)
  return sql`
    SELECT SpanId AS id, any(SpanAttributes['retail.amount']) AS amount, any(SpanAttributes['retail.currency']) AS currency
    FROM ${tableRef(target, 'spans')}
    WHERE Tenant = ${tenant} AND TraceId IN ${traceIds} AND SpanId IN ${ids} AND SpanAttributes['retail.amount'] != ''
    GROUP BY SpanId
    UNION ALL
    SELECT LogId AS id, any(LogAttributes['retail.amount']) AS amount, any(LogAttributes['retail.currency']) AS currency
    FROM ${tableRef(target, 'logs')}
    WHERE Tenant = ${tenant} AND TraceId IN ${traceIds} AND LogId IN ${ids} AND LogAttributes['retail.amount'] != ''
    GROUP BY LogId`
}
