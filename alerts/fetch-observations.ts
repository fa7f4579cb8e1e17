/**
 * Runs a round's statements through the Warehouse, a few at a time, completes the impact links
 * with two bounded follow-ups (the traces of the journeys shown, the journey types of the order
 * ids span rules found), and maps the rows to observations. A rule whose statement fails is left
 * out of the result, so the evaluator keeps its alerts as they were, and the failure is returned
 * as a value for the caller to log.
 */
import { err, ok, type Result } from '../core/index.ts'
import type { SchemaTarget, Warehouse } from '../storage/index.ts'
import type { Observation } from './observation.ts'
import type { JourneyShape } from './queries/journey-queries.ts'
import {
  keyJourneyTypesQuery,
  keyTracesQuery,
  pickJourneyTypes,
  pickTraces,
  tenantKeyId,
  wantedTraceId,
  type KeyTraceRow,
  type KeyTypesRow,
  type TenantKey,
  type TraceWanted,
} from './queries/journey-links.ts'
import type { PendingRow } from './queries/journey-state-query.ts'
import { toObservation, type ObservationRow } from './queries/observation-rows.ts'
import { planRound, type PlannedQuery } from './queries/rule-query.ts'
import { SPAN_RULE_KEY } from './queries/span-queries.ts'
import type { AlertRule } from './rules.ts'

/** Observations per rule name, and the rules whose query failed. */
export interface FetchResult {
  readonly observations: ReadonlyMap<string, readonly Observation[]>
  readonly failures: readonly { readonly rule: string; readonly error: unknown }[]
}

/**
 * Statements run at once: two cores are shared with ingest and the query API, and one statement
 * already uses both; a third overlaps the round trips of the small ones beside a large one.
 */
const CONCURRENCY = 3

/** How far back a span rule's order ids are looked for in the journey state, beyond its window. */
const TYPE_LOOKBACK_MS = 86_400_000

const settle = <T>(promise: Promise<T>): Promise<Result<T, unknown>> =>
  promise.then(
    (value) => ok(value),
    (error: unknown) => err(error),
  )

const nothing = <T>(): Promise<Result<T[], unknown>> => Promise.resolve(ok([]))

/** Runs `task` over `items`, at most `limit` at a time, answers in the items' order. */
async function bounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await task(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** A row of any statement: batched ones name their question, journey ones when their sample keys reached the stage. */
type AnswerRow = ObservationRow & Partial<Pick<PendingRow, 'question' | 'starts'>>

/** The journeys whose traces a round shows: the first keys of each journey row, with when they reached the stage. */
function tracesWanted(rootKey: string, row: AnswerRow): TraceWanted[] {
  return (row.starts ?? []).map((atNs, i) => ({ tenant: row.tenant, keyName: rootKey, key: row.keys[i]!, atNs }))
}

/** Fetches the observations of every rule at `now`. */
export async function fetchObservations(
  warehouse: Warehouse,
  target: SchemaTarget,
  rules: readonly AlertRule[],
  journeys: readonly JourneyShape[],
  now: Date,
): Promise<FetchResult> {
  const plan = planRound(target, rules, journeys, now)
  const failures = [...plan.failures]
  const fail = (query: PlannedQuery, error: unknown): void => {
    for (const answer of query.answers) failures.push({ rule: answer.rule.name, error })
  }
  const answered = await bounded(plan.queries, CONCURRENCY, (query) => settle(warehouse.rows<AnswerRow>(query.sql)))
  const done: { query: PlannedQuery; rows: readonly AnswerRow[] }[] = []
  plan.queries.forEach((query, i) => {
    const outcome = answered[i]!
    if (outcome.ok) done.push({ query, rows: outcome.value })
    else fail(query, outcome.error)
  })

  // The follow-ups: one statement each per round, and none when there is nothing to link.
  const traces = done.flatMap(({ query, rows }) =>
    query.kind === 'journey' ? rows.flatMap((row) => tracesWanted(query.rootKey, row)) : [],
  )
  const spanKeys = new Map<string, TenantKey>()
  let spanWindowMs = 0
  for (const { query, rows } of done) {
    if (query.kind !== 'span') continue
    spanWindowMs = Math.max(spanWindowMs, query.windowMs)
    for (const row of rows)
      for (const key of row.keys)
        if (key !== '')
          spanKeys.set(tenantKeyId({ tenant: row.tenant, keyName: query.keyName, key }), {
            tenant: row.tenant,
            keyName: query.keyName,
            key,
          })
  }
  // Every span rule reports the same key; with one journey type rooted on it, every key is of that type.
  const types = journeys.filter((shape) => shape.rootKey === SPAN_RULE_KEY).map((shape) => shape.type)
  const [traceRows, typeRows] = await Promise.all([
    traces.length > 0 ? settle(warehouse.rows<KeyTraceRow>(keyTracesQuery(target, traces))) : nothing<KeyTraceRow>(),
    types.length > 1 && spanKeys.size > 0
      ? settle(
          warehouse.rows<KeyTypesRow>(
            keyJourneyTypesQuery(target, [...spanKeys.values()], types, new Date(now.getTime() - spanWindowMs - TYPE_LOOKBACK_MS)),
          ),
        )
      : nothing<KeyTypesRow>(),
  ])
  const traceOf = traceRows.ok ? pickTraces(traces, traceRows.value) : new Map<string, string>()
  const typeOf = typeRows.ok ? pickJourneyTypes(typeRows.value, types) : new Map<string, string>()

  const observations = new Map<string, Observation[]>()
  for (const { query, rows } of done) {
    switch (query.kind) {
      case 'span':
        // A link that could not be looked up fails the rule, as its statement would have: no half answers.
        if (!typeRows.ok) fail(query, typeRows.error)
        else
          for (const { rule, meaning } of query.answers)
            observations.set(
              rule.name,
              rows.map((row) =>
                toObservation(rule, meaning, row, (key) => typeOf.get(tenantKeyId({ tenant: row.tenant, keyName: query.keyName, key }))),
              ),
            )
        break
      case 'journey':
        if (!traceRows.ok) fail(query, traceRows.error)
        else {
          const linked = rows.map((row) => ({
            ...row,
            traces: tracesWanted(query.rootKey, row).flatMap((wanted) => traceOf.get(wantedTraceId(wanted)) ?? []),
          }))
          for (const { rule, meaning, question } of query.answers)
            observations.set(
              rule.name,
              linked.filter((row) => Number(row.question) === question).map((row) => toObservation(rule, meaning, row)),
            )
        }
        break
      case 'inventory':
        for (const { rule, meaning, question } of query.answers)
          observations.set(
            rule.name,
            rows.filter((row) => Number(row.question) === question).map((row) => toObservation(rule, meaning, row)),
          )
        break
    }
  }
  return { observations, failures }
}
