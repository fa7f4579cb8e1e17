/** Queries that list journeys of a type and aggregate them: counts by status and stage-to-stage latency. */
import { identifier, joinSql, sql, typed, type Sql } from '../../storage/index.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import type { JourneySource } from '../summaries/journey-source.ts'
import { STATUS_SETTINGS, type StartWindow } from '../status/status-query.ts'

/** What a journey list is narrowed to, and which page of it. */
export interface JourneyListFilter {
  readonly status?: string
  readonly store?: string
  readonly channel?: string
  readonly region?: string
  /** Journeys that started in [fromMs, toMs]. */
  readonly fromMs?: number
  readonly toMs?: number
  readonly limit: number
  readonly offset: number
  /** `newest` first (the default) or `oldest` first: the longest-running at the top. */
  readonly sort: 'newest' | 'oldest'
}

/** A journey in the list as the query returns it. */
export interface JourneyListRow {
  readonly type: string
  readonly key: string
  readonly status: string
  readonly late: number
  readonly startedMs: number | string
  readonly lastMs: number | string
  readonly currentStage: string
  readonly currentSystem: string
  readonly store: string
  readonly channel: string
  readonly region: string
  readonly stagesReached: number | string
  readonly stageCount: number | string
  readonly amount: number | string
  readonly currency: string
}

/** The filter's conditions on a journey source's rows. */
export function conditions(filter: Omit<JourneyListFilter, 'limit' | 'offset' | 'sort'>): Sql {
  const parts: Sql[] = [sql`1`]
  if (filter.status !== undefined) parts.push(sql`status = ${filter.status}`)
  // A journey of the store: any of its rows names the store (a promotion names many).
  if (filter.store !== undefined) parts.push(sql`has(stores, ${filter.store})`)
  if (filter.channel !== undefined) parts.push(sql`channel = ${filter.channel}`)
  if (filter.region !== undefined) parts.push(sql`region = ${filter.region}`)
  if (filter.fromMs !== undefined) parts.push(sql`startedMs >= ${filter.fromMs}`)
  if (filter.toMs !== undefined) parts.push(sql`startedMs <= ${filter.toMs}`)
  return joinSql(parts, ' AND ')
}

/** The start window a source reads for a filter. */
export const windowOf = (filter: Pick<JourneyListFilter, 'fromMs' | 'toMs'>): StartWindow => ({
  ...(filter.fromMs !== undefined ? { fromMs: filter.fromMs } : {}),
  ...(filter.toMs !== undefined ? { toMs: filter.toMs } : {}),
})

/**
 * One page of journeys of one or more types sorted by age, and the total that match, as two
 * statements: counted in the same statement, every matching row would be kept to sort it.
 */
export function journeyListQuery(
  source: JourneySource,
  graphs: readonly StageGraph[],
  filter: JourneyListFilter,
): { page: Sql; total: Sql } {
  const direction = filter.sort === 'oldest' ? sql`ASC` : sql`DESC`
  const journeys = joinSql(
    graphs.map((graph) => source(graph, windowOf(filter))),
    ' UNION ALL ',
  )
  return {
    page: sql`
      SELECT type, key, status, late, startedMs, lastMs, currentStage, currentSystem, store, channel, region, stagesReached, stageCount,
        amount, currency
      FROM (${journeys})
      WHERE ${conditions(filter)}
      ORDER BY startedMs ${direction}, type, key
      LIMIT ${filter.limit} OFFSET ${filter.offset}
      ${STATUS_SETTINGS}`,
    total: sql`SELECT count() AS total FROM (${journeys}) WHERE ${conditions(filter)} ${STATUS_SETTINGS}`,
  }
}

/** Journeys of a type per status. */
export function journeyStatusCountsQuery(
  source: JourneySource,
  graph: StageGraph,
  window: Pick<JourneyListFilter, 'fromMs' | 'toMs'>,
): Sql {
  return sql`
    SELECT status, count() AS journeys
    FROM (${source(graph, windowOf(window))})
    WHERE ${conditions(window)}
    GROUP BY status
    ${STATUS_SETTINGS}`
}

/** A dimension journeys are grouped by. */
export type LatencyDimension = 'store' | 'channel' | 'region' | 'none'

/** Percentiles of the time from each stage to the next, per store, channel or region. */
export function stageLatencyQuery(
  source: JourneySource,
  graph: StageGraph,
  by: LatencyDimension,
  window: Pick<JourneyListFilter, 'fromMs' | 'toMs'>,
): Sql {
  const r = (i: number): Sql => sql`reached[${sqlIndex(i)}]`
  // Every (predecessor, stage) pair of the graph as (from, to, milliseconds, both reached).
  const transitions = graph.stages.flatMap((stage, i) =>
    graph.predecessors[i]!.map((p) => sql`tuple(${graph.stages[p]!.name}, ${stage.name}, ${r(i)} - ${r(p)}, ${r(i)} > 0 AND ${r(p)} > 0)`),
  )
  if (transitions.length === 0) return sql`SELECT '' AS from, '' AS to, '' AS grp, 0 AS count, 0 AS p50, 0 AS p95, 0 AS p99 WHERE 0`
  const group = by === 'none' ? sql`''` : sql`${identifier(by)}`
  return sql`
    SELECT transition.1 AS from, transition.2 AS to, ${group} AS grp, count() AS count,
      quantileExact(0.5)(transition.3) AS p50, quantileExact(0.95)(transition.3) AS p95, quantileExact(0.99)(transition.3) AS p99
    FROM (${source(graph, windowOf(window))})
    ARRAY JOIN arrayFilter(t -> t.4, [${joinSql(transitions, ', ')}]) AS transition
    WHERE ${conditions(window)}
    GROUP BY from, to, grp
    ORDER BY grp, from, to
    ${STATUS_SETTINGS}`
}

/** A 1-based array index of a stage, bound as a typed constant. */
export function sqlIndex(i: number): Sql {
  return sql`${typed(i + 1, 'UInt32')}`
}
