/**
 * A journey's status from its per-stage aggregates (when each stage was reached, how many rows
 * marked it, whether one failed), without a clock: the same arithmetic as the SQL status query
 * in ./status-query.ts, which evaluates whole tables at once, kept here for the few
 * journeys touched since the last summary so a list never waits for that query's planning.
 * `stalledAt` says when the journey stalls if nothing more arrives; a reader compares its now.
 */
import type { StageGraph } from '../model/stage-graph.ts'

/** A journey's aggregates per stage of its graph (epoch ms, 0 for never). */
export interface StageAggregates {
  readonly reached: readonly number[]
  readonly hits: readonly number[]
  readonly failed: readonly boolean[]
  readonly systems: readonly string[]
  readonly deadLetterMs: number
}

/** What a summary row keeps of a journey's evaluation. */
export interface SummaryStatus {
  readonly status: 'failed' | 'complete' | 'late' | 'in_progress'
  readonly stalledAt: number
  readonly late: boolean
  readonly currentStage: string
  readonly currentSystem: string
  readonly stagesReached: number
}

/** Evaluates a journey's aggregates against its graph. */
export function summaryStatus(graph: StageGraph, journey: StageAggregates): SummaryStatus {
  const { stages, predecessors, descendants, terminals } = graph
  const r = journey.reached
  const branchStages = stages.flatMap((stage, i) => (stage.branch !== undefined ? [i] : []))
  const anyTaken = branchStages.some((i) => journey.hits[i]! > 0)
  const notTaken = stages.map(
    (stage) =>
      stage.branch !== undefined && anyTaken && !branchStages.some((j) => stages[j]!.branch === stage.branch && journey.hits[j]! > 0),
  )
  const due: number[] = []
  stages.forEach((stage, i) => {
    // Due its SLA after its latest reached predecessor, or after an unreached one's own due time.
    const anchors = predecessors[i]!.map((p) => {
      if (notTaken[p]) return 0
      const base = r[p]! > 0 ? r[p]! : due[p]! > 0 ? due[p]! : 0
      return base > 0 ? base + stage.slaMs : 0
    })
    due.push(anchors.length === 0 ? 0 : Math.max(0, ...anchors))
  })
  const later = stages.map((_, i) => descendants[i]!.some((d) => r[d]! > 0))
  const waiting = stages.map((_, i) => !notTaken[i] && r[i] === 0 && !later[i])
  const failedOnly = stages.map((_, i) => journey.hits[i]! > 0 && journey.failed[i]!)
  const late = stages.some((_, i) => !notTaken[i] && r[i]! > 0 && due[i]! > 0 && r[i]! > due[i]!)
  const failedStage = stages.some((_, i) => waiting[i] && failedOnly[i])
  const deadline = stages.map((_, i) => waiting[i]! && !failedOnly[i] && due[i]! > 0)
  const next = stages.map((_, i) => waiting[i]! && !failedOnly[i] && predecessors[i]!.some((p) => !notTaken[p] && r[p]! > 0))

  const candidates: number[] = []
  stages.forEach((stage, i) => {
    if (next[i] && deadline[i] && (stage.branch === undefined || anyTaken)) candidates.push(due[i]!)
  })
  // Of alternative branches not chosen yet, the journey waits for the slowest.
  const alternatives = branchStages.filter((i) => next[i] && !anyTaken)
  if (alternatives.length > 0 && alternatives.every((i) => deadline[i])) candidates.push(Math.max(0, ...alternatives.map((i) => due[i]!)))
  const stalledAt = candidates.length === 0 ? 0 : Math.min(...candidates)

  const lastReached = Math.max(0, ...r)
  const failed = failedStage || (journey.deadLetterMs > 0 && journey.deadLetterMs >= lastReached)
  const complete = terminals.every((t) => r[t]! > 0 || notTaken[t])
  // The latest reached stage; of two reached at once, the later in the list.
  const current = lastReached === 0 ? -1 : r.lastIndexOf(lastReached)
  return {
    status: failed ? 'failed' : complete ? 'complete' : late ? 'late' : 'in_progress',
    stalledAt,
    late,
    currentStage: current < 0 ? '' : stages[current]!.name,
    currentSystem: current < 0 ? '' : journey.systems[current]!,
    stagesReached: r.filter((at) => at > 0).length,
  }
}
