/**
 * A journey definition compiled into index-based adjacency, so the evaluator and the SQL status
 * builder walk the same graph: predecessors, descendants, terminal stages and branches.
 */
import { pathStages, type JourneyDefinition, type StageDefinition } from './model.ts'

/** The stages of a journey type as a graph over their indexes. */
export interface StageGraph {
  readonly definition: JourneyDefinition
  /** The stages on the journey's path (side stages such as the tax posting are not). */
  readonly stages: readonly StageDefinition[]
  readonly indexOf: ReadonlyMap<string, number>
  /** Indexes of the stages each stage may follow. */
  readonly predecessors: readonly (readonly number[])[]
  /** Indexes of every stage reachable after each stage. */
  readonly descendants: readonly (readonly number[])[]
  /** Stages nothing follows: reaching them all (on the branch taken) completes the journey. */
  readonly terminals: readonly number[]
}

/** Compiles a definition; `after` names stages listed earlier, which the config schema checks. */
export function stageGraph(definition: JourneyDefinition): StageGraph {
  const stages = pathStages(definition)
  const indexOf = new Map(stages.map((stage, i) => [stage.name, i]))
  const predecessors = stages.map((stage) => stage.after.map((name) => indexOf.get(name)).filter((i): i is number => i !== undefined))
  const successors: number[][] = stages.map(() => [])
  predecessors.forEach((preds, i) => preds.forEach((p) => successors[p]!.push(i)))
  // Successors always come later in the list, so one backward pass collects descendants.
  const descendants: Set<number>[] = stages.map(() => new Set<number>())
  for (let i = stages.length - 1; i >= 0; i--) {
    for (const next of successors[i]!) {
      descendants[i]!.add(next)
      for (const further of descendants[next]!) descendants[i]!.add(further)
    }
  }
  return {
    definition,
    stages,
    indexOf,
    predecessors,
    descendants: descendants.map((set) => [...set].sort((a, b) => a - b)),
    terminals: successors.flatMap((next, i) => (next.length === 0 ? [i] : [])),
  }
}
