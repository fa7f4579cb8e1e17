/** Journeys of a type over time, as `GET /api/journeys/stats/trends` answers: starts by status, and stage by stage. */
import type { JourneyStatus, JourneyTrendsResponse } from '../../core/index.ts'
import { JOURNEY_STATUSES } from '../../core/index.ts'
import type { Warehouse } from '../../storage/index.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import type { JourneySource } from '../summaries/journey-source.ts'
import { stageTrendQuery, startedTrendQuery, type TrendFilter } from './trend-queries.ts'

type Count = number | string
const iso = (ms: Count): string => new Date(Number(ms)).toISOString()

/** The trends of one journey type over the filter's window, in buckets of `stepSeconds`. */
export async function journeyTrends(
  warehouse: Warehouse,
  source: JourneySource,
  graph: StageGraph,
  filter: TrendFilter,
  stepSeconds: number,
): Promise<JourneyTrendsResponse> {
  const stepMs = stepSeconds * 1000
  const [started, reached] = await Promise.all([
    warehouse.rows<{ at: Count; status: JourneyStatus; journeys: Count }>(startedTrendQuery(source, graph, filter, stepMs)),
    warehouse.rows<{ stage: Count; at: Count; journeys: Count; timed: Count; p95: Count }>(stageTrendQuery(source, graph, filter, stepMs)),
  ])
  const buckets = new Map<number, Record<JourneyStatus, number>>()
  for (const row of started) {
    const at = Number(row.at)
    const counts = buckets.get(at) ?? (Object.fromEntries(JOURNEY_STATUSES.map((status) => [status, 0])) as Record<JourneyStatus, number>)
    counts[row.status] = Number(row.journeys)
    buckets.set(at, counts)
  }
  return {
    type: graph.definition.type,
    from: iso(filter.fromMs),
    to: iso(filter.toMs),
    stepSeconds,
    started: [...buckets].map(([at, counts]) => ({ at: iso(at), counts })),
    stages: graph.stages.map((stage, i) => ({
      stage: stage.name,
      points: reached
        .filter((row) => Number(row.stage) === i)
        .map((row) => ({ at: iso(row.at), reached: Number(row.journeys), ...(Number(row.timed) > 0 ? { p95Ms: Number(row.p95) } : {}) })),
    })),
  }
}
