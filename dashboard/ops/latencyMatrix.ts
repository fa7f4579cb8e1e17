/**
 * Stage-to-stage latency as a matrix: a row per store (or channel, region), a column per
 * transition in the order a journey goes through them, so the slowest store at each step stands
 * out. The order comes from the transitions themselves: a stage no transition leads to comes first.
 */
import type { StageLatencyResponse } from '../../core/index.ts'

/** One transition between two stages. */
export interface Transition {
  readonly from: string
  readonly to: string
}

/** A cell of the matrix. */
export interface LatencyCell {
  readonly count: number
  readonly p50Ms: number
  readonly p95Ms: number
  /** The slowest p95 of its column. */
  readonly slowest: boolean
}

/** The matrix: transitions in journey order and a row per group, busiest first. */
export interface LatencyMatrix {
  readonly transitions: readonly Transition[]
  readonly rows: readonly { readonly group: string; readonly count: number; readonly cells: readonly (LatencyCell | undefined)[] }[]
}

/** Stages in the order journeys reach them: a walk from the stages nothing leads to, breadth first, names breaking ties. */
export function stageOrder(transitions: readonly Transition[]): string[] {
  const next = new Map<string, string[]>()
  const targets = new Set(transitions.map((t) => t.to))
  for (const t of transitions) next.set(t.from, [...(next.get(t.from) ?? []), t.to])
  const stages = [...new Set(transitions.flatMap((t) => [t.from, t.to]))].sort()
  const queue = stages.filter((s) => !targets.has(s))
  const order: string[] = []
  const seen = new Set<string>()
  // A cycle has no start; its stages are appended in name order.
  for (const stage of [...queue, ...stages]) {
    const pending = [stage]
    while (pending.length > 0) {
      const current = pending.shift()!
      if (seen.has(current)) continue
      seen.add(current)
      order.push(current)
      pending.push(...[...(next.get(current) ?? [])].sort())
    }
  }
  return order
}

/** The matrix of a latency answer. */
export function latencyMatrix(answer: StageLatencyResponse): LatencyMatrix {
  const unique = new Map<string, Transition>()
  for (const t of answer.transitions) unique.set(`${t.from}\u0000${t.to}`, { from: t.from, to: t.to })
  const order = stageOrder([...unique.values()])
  const rank = (stage: string): number => order.indexOf(stage)
  const transitions = [...unique.values()].sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to))
  const slowest = transitions.map((t) =>
    Math.max(...answer.transitions.filter((x) => x.from === t.from && x.to === t.to).map((x) => x.p95Ms)),
  )
  const groups = [...new Set(answer.transitions.map((t) => t.group))]
  const rows = groups.map((group) => {
    const cells = transitions.map((t, i) => {
      const hit = answer.transitions.find((x) => x.group === group && x.from === t.from && x.to === t.to)
      return hit
        ? { count: hit.count, p50Ms: hit.p50Ms, p95Ms: hit.p95Ms, slowest: groups.length > 1 && hit.p95Ms === slowest[i] }
        : undefined
    })
    return { group, count: answer.transitions.filter((x) => x.group === group).reduce((sum, x) => Math.max(sum, x.count), 0), cells }
  })
  return { transitions, rows: rows.sort((a, b) => b.count - a.count || a.group.localeCompare(b.group)) }
}
