/**
 * The journey-shaped rules (stage_sla, settlement_unposted, backlog) are one question: which
 * journeys reached stage A, more than some time ago, and not stage B? Asked here of the spans
 * table's Stage and BusinessKeys columns, in this one module, so that it can move to the
 * journey-state table without touching the rules or the evaluator.
 */
import { identifier, joinSql, sql, tableRef, type SchemaTarget, type Sql } from '../../ingest/index.ts'
import type { BacklogRule, GroupKey, SettlementUnpostedRule, StageSlaRule } from '../rules.ts'
import { aggregatedGroups } from './group-columns.ts'

/** What the queries need to know of a journey type: its root key and which stages are branches. */
export interface JourneyShape {
  readonly type: string
  readonly rootKey: string
  readonly stages: readonly { readonly name: string; readonly branch?: string; readonly after?: readonly string[] }[]
}

/** One "reached A but not B" question. */
export interface PendingJourneys {
  readonly journeyType: string
  readonly rootKey: string
  readonly after: string
  readonly expect: string
  /** Stages that exempt a journey (another branch). */
  readonly unless: readonly string[]
  readonly where: Readonly<Record<string, string>>
  /** Only journeys that reached `after` at least this long ago count. */
  readonly olderThanMs: number
  readonly lookbackMs: number
  readonly groupBy: readonly GroupKey[]
  /**
   * The stage spans read: the journey's first stages (where its amount and context usually are),
   * `after`, `expect` and `unless`; empty reads every stage of the journey type.
   */
  readonly stagesRead: readonly string[]
}

/** Why a journey rule cannot be asked. */
export class UnknownJourneyError extends Error {}

/** The journey type of a stage: the part before the first dot. */
export function journeyTypeOf(stage: string): string {
  return stage.split('.')[0] ?? stage
}

/** Stages of branches other than the stage's own: reaching one means the stage will never come. */
export function otherBranches(shape: JourneyShape | undefined, stage: string): string[] {
  const branch = shape?.stages.find((s) => s.name === stage)?.branch
  if (!shape || branch === undefined) return []
  return shape.stages.filter((s) => s.branch !== undefined && s.branch !== branch).map((s) => s.name)
}

/** The stages a question reads: a fraction of the journey's stage spans, so fewer rows to group. */
function stagesRead(shape: JourneyShape | undefined, named: readonly string[]): string[] {
  if (!shape) return []
  const first = shape.stages.filter((stage, i) => (stage.after ? stage.after.length === 0 : i === 0)).map((stage) => stage.name)
  return [...new Set([...first, ...named])]
}

function rootKeyOf(type: string, key: string | undefined, shapes: readonly JourneyShape[]): string {
  const rootKey = key ?? shapes.find((shape) => shape.type === type)?.rootKey
  if (!rootKey) throw new UnknownJourneyError(`no journey type '${type}' is configured: add it under journeys, or give the rule a key`)
  return rootKey
}

/** The question a stage_sla, settlement_unposted or backlog rule asks. */
export function pendingJourneysOf(rule: StageSlaRule | SettlementUnpostedRule | BacklogRule, shapes: readonly JourneyShape[]): PendingJourneys {
  switch (rule.type) {
    case 'stage_sla': {
      const shape = shapes.find((s) => s.type === rule.journey)
      const unless = [...new Set([...rule.unless, ...otherBranches(shape, rule.expect)])]
      return {
        journeyType: rule.journey, rootKey: rootKeyOf(rule.journey, rule.key, shapes), after: rule.after, expect: rule.expect,
        unless, where: rule.where, olderThanMs: rule.withinMs, lookbackMs: rule.lookbackMs, groupBy: rule.groupBy,
        stagesRead: stagesRead(shape, [rule.after, rule.expect, ...unless]),
      }
    }
    case 'settlement_unposted': {
      const type = journeyTypeOf(rule.after)
      const shape = shapes.find((s) => s.type === type)
      return {
        journeyType: type, rootKey: rootKeyOf(type, undefined, shapes), after: rule.after, expect: rule.expect, unless: [], where: {},
        olderThanMs: rule.olderThanMs, lookbackMs: rule.lookbackMs, groupBy: rule.groupBy, stagesRead: stagesRead(shape, [rule.after, rule.expect]),
      }
    }
    case 'backlog': {
      const type = journeyTypeOf(rule.fromStage)
      const shape = shapes.find((s) => s.type === type)
      return {
        journeyType: type, rootKey: rootKeyOf(type, rule.key, shapes), after: rule.fromStage, expect: rule.toStage, unless: [], where: {},
        olderThanMs: 0, lookbackMs: rule.lookbackMs, groupBy: rule.groupBy, stagesRead: stagesRead(shape, [rule.fromStage, rule.toStage]),
      }
    }
  }
}

/**
 * Journeys (by root key) whose stage spans show `after`, long enough ago, and no successful
 * `expect`, counted per tenant and group with their amount, stores, keys and traces. Only some
 * of the journey's stage spans are read (`stagesRead`), a small share of all spans; `where`
 * attributes and the amount are looked for on those.
 */
export function pendingJourneysQuery(target: SchemaTarget, question: PendingJourneys, now: Date): Sql {
  const since = new Date(now.getTime() - question.lookbackMs)
  const deadline = new Date(now.getTime() - question.olderThanMs)
  const where = Object.entries(question.where)
  const whereCounts = where.map(([key, value], i) => sql`, countIf(SpanAttributes[${key}] = ${value}) AS ${identifier(`where${i}`)}`)
  const whereHaving = where.map((_, i) => sql` AND ${identifier(`where${i}`)} > 0`)
  // A list of stages can use the Stage skip index; a prefix cannot.
  const stageFilter = question.stagesRead.length > 0 ? sql`Stage IN ${question.stagesRead}` : sql`startsWith(Stage, ${`${question.journeyType}.`})`
  return sql`
    SELECT tenant, journeyGroups AS groups, count() AS value, count() AS affected, sum(journeyAmount) AS amount, anyIf(journeyCurrency, journeyCurrency != '') AS currency,
      groupUniqArrayIf(20)(journeyStore, journeyStore != '') AS stores, groupArray(20)(journeyKey) AS keys, groupArray(10)(traceId) AS traces,
      map('oldest', formatDateTime(min(startedAt), '%Y-%m-%dT%H:%i:%SZ', 'UTC')) AS details
    FROM (
      SELECT Tenant AS tenant, BusinessKeys[${question.rootKey}] AS journeyKey,
        minIf(Timestamp, Stage = ${question.after}) AS startedAt,
        countIf(Stage = ${question.after}) AS started,
        countIf(Stage = ${question.expect} AND StatusCode != 'error') AS done,
        countIf(has(${question.unless}, Stage)) AS exempt,
        max(toFloat64OrZero(SpanAttributes['retail.amount'])) AS journeyAmount,
        anyIf(SpanAttributes['retail.currency'], SpanAttributes['retail.currency'] != '') AS journeyCurrency,
        anyIf(SpanAttributes['retail.store.id'], SpanAttributes['retail.store.id'] != '') AS journeyStore,
        ${aggregatedGroups(question.groupBy)} AS journeyGroups,
        anyIf(TraceId, Stage = ${question.after}) AS traceId
        ${joinSql(whereCounts, '')}
      FROM ${tableRef(target, 'spans')}
      WHERE Timestamp >= ${since} AND Timestamp <= ${now} AND ${stageFilter} AND BusinessKeys[${question.rootKey}] != ''
      GROUP BY tenant, journeyKey
      HAVING started > 0 AND done = 0 AND exempt = 0 AND startedAt <= ${deadline}${joinSql(whereHaving, '')}
    )
    GROUP BY tenant, journeyGroups`
}
