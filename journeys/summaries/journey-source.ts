/**
 * Where a list of journeys comes from: evaluated live from the journey-state rows, or read from
 * the summaries the summariser keeps. Both yield the same columns, so lists and aggregates are
 * written once over either.
 */
import { joinSql, sql, typed, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { journeyStatusQuery, type JourneyScope, type StartWindow } from '../status/status-query.ts'

/**
 * The columns of every journey source: type, key, status, late, startedMs, lastMs, currentStage,
 * currentSystem, store, stores (every store its rows name), channel, region, stagesReached,
 * stageCount, reached (when each stage of the graph was reached, 0 for not yet), amount and currency.
 */
export type JourneySource = (graph: StageGraph, window: StartWindow) => Sql

/** What the summarised source needs to know of the summariser: the definition it wrote under and how far it got. */
export interface SummaryMark {
  readonly definition: string
  /** Summaries are complete for what was stored up to this time (the server's clock, epoch ms). */
  readonly watermarkMs: number
}

function liveColumns(graph: StageGraph): Sql {
  return sql`${graph.definition.type} AS type, key, toString(status) AS status, toUInt8(late) AS late, startedMs, lastMs, currentStage, currentSystem,
    store, stores, channel, region, toUInt32(stagesReached) AS stagesReached, ${graph.stages.length} AS stageCount, reached, amount, currency`
}

/** Journeys evaluated from the journey-state rows at `nowMs`. */
export function liveJourneys(target: SchemaTarget, tenant: string, nowMs: number): JourneySource {
  return (graph, window) => liveJourneysIn(target, tenant, nowMs, graph, { window })
}

function liveJourneysIn(target: SchemaTarget, tenant: string, nowMs: number, graph: StageGraph, scope: JourneyScope): Sql {
  return sql`SELECT ${liveColumns(graph)} FROM (${journeyStatusQuery(target, tenant, graph, nowMs, [], scope)})`
}

/** Root keys of a type whose state rows changed after `afterMs` (and up to `upToMs`, when given). */
export function touchedKeys(target: SchemaTarget, tenant: string, graph: StageGraph, afterMs: number, upToMs?: number): Sql {
  const upTo = upToMs === undefined ? sql`` : sql` AND Touched <= fromUnixTimestamp64Milli(toInt64(${upToMs}))`
  return sql`SELECT KeyValue FROM ${tableRef(target, 'journey_touches')}
    WHERE Tenant = ${tenant} AND Touched > fromUnixTimestamp64Milli(toInt64(${afterMs}))${upTo}
      AND JourneyType IN ${[graph.definition.type, '']} AND KeyName = ${graph.definition.rootKey}`
}

/**
 * Summarised journeys: the summary rows, with `stalled` worked out against `nowMs` (a stored
 * evaluation knows when the journey stalls if nothing more arrives). A type without a mark has
 * no complete summaries yet and is evaluated live. The caller brings the summaries up to date
 * first (the summariser's `refresh`).
 */
export function summarisedJourneys(
  target: SchemaTarget,
  tenant: string,
  nowMs: number,
  marks: ReadonlyMap<string, SummaryMark>,
): JourneySource {
  return (graph, window) => {
    const mark = marks.get(graph.definition.type)
    if (!mark) return liveJourneysIn(target, tenant, nowMs, graph, { window })
    const started: Sql[] = []
    if (window.fromMs !== undefined) started.push(sql` AND StartedMs >= ${window.fromMs}`)
    if (window.toMs !== undefined) started.push(sql` AND StartedMs <= ${window.toMs}`)
    return sql`
      SELECT JourneyType AS type, KeyValue AS key,
        toString(if(Status IN ('in_progress', 'late') AND StalledAt > 0 AND toInt64(${nowMs}) > StalledAt, 'stalled', Status)) AS status,
        Late AS late, StartedMs AS startedMs, LastActivityMs AS lastMs,
        toString(CurrentStage) AS currentStage, toString(CurrentSystem) AS currentSystem, Store AS store, Stores AS stores,
        toString(Channel) AS channel, toString(Region) AS region, StagesReached AS stagesReached, ${graph.stages.length} AS stageCount, Reached AS reached,
        Amount AS amount, toString(Currency) AS currency
      FROM ${tableRef(target, 'journey_summaries')} FINAL
      WHERE Tenant = ${tenant} AND JourneyType = ${graph.definition.type} AND Definition = ${typed(mark.definition, 'UInt64')}${joinSql(started, '')}`
  }
}
