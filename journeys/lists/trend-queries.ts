/**
 * Journeys of a type over time, in buckets of a step: how many started in each bucket by where
 * they stand now, and per stage how many reached it in each bucket with the p95 time from the
 * stage before. Both read a journey source, so the live and the summarised evaluations agree.
 */
import { joinSql, sql, typed, type Sql } from '../../storage/index.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import type { JourneySource } from '../summaries/journey-source.ts'
import { STATUS_SETTINGS } from '../status/status-query.ts'
import { conditions, sqlIndex, windowOf, type JourneyListFilter } from './list-query.ts'

/** The journeys a trend counts: those that started in the window, in a store, channel or region. */
export type TrendFilter = Pick<JourneyListFilter, 'store' | 'channel' | 'region'> & { readonly fromMs: number; readonly toMs: number }

const bucket = (ms: Sql, stepMs: number): Sql => sql`intDiv(${ms}, ${typed(stepMs, 'Int64')}) * ${typed(stepMs, 'Int64')}`

/** Journeys that started in each bucket, per status. */
export function startedTrendQuery(source: JourneySource, graph: StageGraph, filter: TrendFilter, stepMs: number): Sql {
  return sql`
    SELECT ${bucket(sql`toInt64(startedMs)`, stepMs)} AS at, status, count() AS journeys
    FROM (${source(graph, windowOf(filter))})
    WHERE ${conditions(filter)}
    GROUP BY at, status
    ORDER BY at, status
    ${STATUS_SETTINGS}`
}

/** Per stage and bucket: the journeys that reached the stage then, and the p95 time from the latest stage before it. */
export function stageTrendQuery(source: JourneySource, graph: StageGraph, filter: TrendFilter, stepMs: number): Sql {
  const r = (i: number): Sql => sql`toInt64(reached[${sqlIndex(i)}])`
  const points = graph.stages.map((_, i) => {
    const before = graph.predecessors[i]!
    const from =
      before.length === 0 ? sql`toInt64(0)` : before.length === 1 ? r(before[0]!) : sql`greatest(${joinSql(before.map(r), ', ')})`
    return sql`tuple(${typed(i, 'UInt32')}, ${r(i)}, ${from})`
  })
  return sql`
    SELECT point.1 AS stage, ${bucket(sql`point.2`, stepMs)} AS at, count() AS journeys,
      countIf(point.3 > 0 AND point.2 >= point.3) AS timed, quantileExactIf(0.95)(point.2 - point.3, point.3 > 0 AND point.2 >= point.3) AS p95
    FROM (${source(graph, windowOf(filter))})
    ARRAY JOIN arrayFilter(p -> p.2 >= ${typed(filter.fromMs, 'Int64')} AND p.2 <= ${typed(filter.toMs, 'Int64')}, [${joinSql(points, ', ')}]) AS point
    WHERE ${conditions(filter)}
    GROUP BY stage, at
    ORDER BY stage, at
    ${STATUS_SETTINGS}`
}
