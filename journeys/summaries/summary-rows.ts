/**
 * Summary rows of a few journeys, evaluated in the process: their per-stage aggregates are read
 * (a small, quickly planned query), evaluated by the pure summary status and stored. Used for
 * the journeys touched since the last summary, where the whole-table SQL evaluation would spend
 * longer planning than working.
 */
import type { Warehouse, Sql } from '../../storage/index.ts'
import { tableRef, type SchemaTarget } from '../../storage/index.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { summaryStatus } from '../status/summary-status.ts'
import { journeyRowsQuery } from '../status/status-query.ts'
import { liveVersion } from './summary-version.ts'

type Cell = number | string
type JourneyRow = Record<string, Cell | string[]> & {
  key: string
  startedMs: Cell
  lastMs: Cell
  deadMs: Cell
  channel: string
  region: string
  store: string
  stores: string[]
  amount: Cell
  currency: string
}

/** Evaluates and stores the summaries of a tenant's journeys whose keys the subquery returns; returns how many. */
export async function summariseJourneys(
  warehouse: Warehouse,
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  definition: string,
  passMs: number,
  keys: Sql,
): Promise<number> {
  const rows = await warehouse.rows<JourneyRow>(journeyRowsQuery(target, tenant, graph, [], { keys }))
  const stages = graph.stages.map((_, i) => i)
  const summaries = rows.map((row) => {
    const reached = stages.map((i) => Number(row[`r_${i}`]))
    const status = summaryStatus(graph, {
      reached,
      hits: stages.map((i) => Number(row[`h_${i}`])),
      failed: stages.map((i) => Number(row[`f_${i}`]) > 0),
      systems: stages.map((i) => String(row[`s_${i}`])),
      deadLetterMs: Number(row.deadMs),
    })
    return {
      Tenant: tenant,
      JourneyType: graph.definition.type,
      Definition: definition,
      KeyValue: row.key,
      Version: liveVersion(passMs),
      Deleted: 0,
      Status: status.status,
      StalledAt: status.stalledAt,
      Late: status.late ? 1 : 0,
      StartedMs: Number(row.startedMs),
      LastActivityMs: Number(row.lastMs),
      CurrentStage: status.currentStage,
      CurrentSystem: status.currentSystem,
      Store: row.store,
      Stores: row.stores,
      Channel: row.channel,
      Region: row.region,
      StagesReached: status.stagesReached,
      Reached: reached,
      Amount: Number(row.amount),
      Currency: row.currency,
    }
  })
  await warehouse.insert(tableRef(target, 'journey_summaries'), summaries)
  return summaries.length
}
