/** Queries that list journeys of a type and aggregate them: counts by status and stage-to-stage latency. */
import { identifier, joinSql, sql, type Sql } from '../clickhouse/sql.ts'
import type { SchemaTarget } from '../clickhouse/schema.ts'
import type { StageGraph } from '../journeys/stage-graph.ts'
import { journeyStatusQuery, STATUS_SETTINGS } from './journey-status.ts'

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
  readonly total: number | string
}

function conditions(filter: Omit<JourneyListFilter, 'limit' | 'offset' | 'sort'>): Sql {
  const parts: Sql[] = [sql`1`]
  if (filter.status !== undefined) parts.push(sql`status = ${filter.status}`)
  if (filter.store !== undefined) parts.push(sql`store_hits > 0`)
  if (filter.channel !== undefined) parts.push(sql`channel = ${filter.channel}`)
  if (filter.region !== undefined) parts.push(sql`region = ${filter.region}`)
  if (filter.fromMs !== undefined) parts.push(sql`startedMs >= ${filter.fromMs}`)
  if (filter.toMs !== undefined) parts.push(sql`startedMs <= ${filter.toMs}`)
  return joinSql(parts, ' AND ')
}

/** One page of journeys of one or more types, with the total that match, sorted by age. */
export function journeyListQuery(target: SchemaTarget, tenant: string, graphs: readonly StageGraph[], nowMs: number, filter: JourneyListFilter): Sql {
  const direction = filter.sort === 'oldest' ? sql`ASC` : sql`DESC`
  // A journey of the store: any of its rows names the store (a promotion names many).
  const extra = filter.store !== undefined ? [sql`countIf(Store = ${filter.store}) AS store_hits`] : []
  const perType = graphs.map((graph) => sql`
    SELECT ${graph.definition.type} AS type, key, status, toUInt8(late) AS late, startedMs, lastMs, currentStage, currentSystem,
      store, channel, region, stagesReached, ${graph.stages.length} AS stageCount${filter.store !== undefined ? sql`, store_hits` : sql``}
    FROM (${journeyStatusQuery(target, tenant, graph, nowMs, extra, filter)})`)
  return sql`
    SELECT type, key, status, late, startedMs, lastMs, currentStage, currentSystem, store, channel, region, stagesReached, stageCount, count() OVER () AS total
    FROM (${joinSql(perType, ' UNION ALL ')})
    WHERE ${conditions(filter)}
    ORDER BY startedMs ${direction}, type, key
    LIMIT ${filter.limit} OFFSET ${filter.offset}
    ${STATUS_SETTINGS}`
}

/** Journeys of a type per status. */
export function journeyStatusCountsQuery(target: SchemaTarget, tenant: string, graph: StageGraph, nowMs: number, window: Pick<JourneyListFilter, 'fromMs' | 'toMs'>): Sql {
  return sql`
    SELECT status, count() AS journeys
    FROM (${journeyStatusQuery(target, tenant, graph, nowMs, [], window)})
    WHERE ${conditions(window)}
    GROUP BY status
    ${STATUS_SETTINGS}`
}

/** A dimension journeys are grouped by. */
export type LatencyDimension = 'store' | 'channel' | 'region' | 'none'

/** Percentiles of the time from each stage to the next, per store, channel or region. */
export function stageLatencyQuery(target: SchemaTarget, tenant: string, graph: StageGraph, nowMs: number, by: LatencyDimension, window: Pick<JourneyListFilter, 'fromMs' | 'toMs'>): Sql {
  const r = (i: number): Sql => sql`${identifier(`r_${i}`)}`
  // Every (predecessor, stage) pair of the graph as (from, to, milliseconds, both reached).
  const transitions = graph.stages.flatMap((stage, i) => graph.predecessors[i]!.map((p) =>
    sql`tuple(${graph.stages[p]!.name}, ${stage.name}, ${r(i)} - ${r(p)}, ${r(i)} > 0 AND ${r(p)} > 0)`))
  if (transitions.length === 0) return sql`SELECT '' AS from, '' AS to, '' AS grp, 0 AS count, 0 AS p50, 0 AS p95, 0 AS p99 WHERE 0`
  const group = by === 'none' ? sql`''` : sql`${identifier(by)}`
  return sql`
    SELECT transition.1 AS from, transition.2 AS to, ${group} AS grp, count() AS count,
      quantileExact(0.5)(transition.3) AS p50, quantileExact(0.95)(transition.3) AS p95, quantileExact(0.99)(transition.3) AS p99
    FROM (${journeyStatusQuery(target, tenant, graph, nowMs, [], window)})
    ARRAY JOIN arrayFilter(t -> t.4, [${joinSql(transitions, ', ')}]) AS transition
    WHERE ${conditions(window)}
    GROUP BY from, to, grp
    ORDER BY grp, from, to
    ${STATUS_SETTINGS}`
}
