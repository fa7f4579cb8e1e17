/**
 * The stitching of a journey: the closure of its root key over key links (two keys on one span),
 * breadth first and bounded. A hop may only go to one of the journey's linked key names that is
 * not already on the path (order, then payment, then settlement, but not from that settlement on
 * to its other payments), and a key that links to more than `maxFanOut` others is reported and
 * not followed, so a key reused by accident cannot glue thousands of journeys together. Pure:
 * the store fetches the neighbours each step asks for.
 */
import type { JourneySkippedKey } from '../../core/index.ts'
import type { JourneyDefinition } from '../model/model.ts'

/** How far the closure may go. */
export interface ClosureBounds {
  readonly maxDepth: number
  readonly maxKeys: number
  readonly maxFanOut: number
}

/** Bounds that keep a lookup to a few small index reads. */
export const DEFAULT_CLOSURE_BOUNDS: ClosureBounds = Object.freeze({ maxDepth: 3, maxKeys: 200, maxFanOut: 100 })

/** A key in the closure. */
export interface ClosureNode {
  readonly key: string
  readonly value: string
  readonly depth: number
  readonly via?: { readonly key: string; readonly value: string }
  /** Key names from the root to this key, itself included. */
  readonly path: readonly string[]
  readonly firstSeenMs: number
  readonly lastSeenMs: number
}

/** One row of the key-link index: a key, a key it was seen with, and when. */
export interface KeyLinkRow {
  readonly key: string
  readonly value: string
  readonly linkedKey: string
  readonly linkedValue: string
  readonly firstMs: number
  readonly lastMs: number
  /** How many allowed neighbours the key has in all, counted by the query. */
  readonly neighbours: number
}

/** The neighbours to fetch next: values of one key name, each allowed to link to the same names. */
export interface NeighbourRequest {
  readonly key: string
  readonly values: readonly string[]
  readonly allowed: readonly string[]
}

/** Where the closure stands between steps. */
export interface ClosureState {
  readonly nodes: ReadonlyMap<string, ClosureNode>
  readonly frontier: readonly ClosureNode[]
  readonly skipped: readonly JourneySkippedKey[]
  readonly truncated: boolean
}

const id = (key: string, value: string): string => `${key}\u0000${value}`

/** The closure before the first step: the root key alone. */
export function startClosure(definition: JourneyDefinition, rootValue: string): ClosureState {
  const root: ClosureNode = {
    key: definition.rootKey,
    value: rootValue,
    depth: 0,
    path: [definition.rootKey],
    firstSeenMs: 0,
    lastSeenMs: 0,
  }
  return { nodes: new Map([[id(root.key, root.value), root]]), frontier: [root], skipped: [], truncated: false }
}

/** The neighbour fetches the next step needs; empty when the closure is done. */
export function neighbourRequests(definition: JourneyDefinition, state: ClosureState, bounds: ClosureBounds): NeighbourRequest[] {
  const groups = new Map<string, { key: string; values: string[]; allowed: string[] }>()
  for (const node of state.frontier) {
    if (node.depth >= bounds.maxDepth) continue
    const allowed = definition.linkedKeys.filter((key) => !node.path.includes(key))
    if (allowed.length === 0) continue
    const group = `${node.key}\u0000${allowed.join(',')}`
    const entry = groups.get(group) ?? { key: node.key, values: [], allowed }
    entry.values.push(node.value)
    groups.set(group, entry)
  }
  return [...groups.values()]
}

/** Takes one step: adds the neighbours fetched for the frontier, within the bounds. */
export function expandClosure(state: ClosureState, rows: readonly KeyLinkRow[], bounds: ClosureBounds): ClosureState {
  const nodes = new Map(state.nodes)
  const skipped = [...state.skipped]
  let truncated = state.truncated
  const frontier: ClosureNode[] = []
  for (const from of state.frontier) {
    const own = rows.filter((row) => row.key === from.key && row.value === from.value && !from.path.includes(row.linkedKey))
    if (own.length === 0) continue
    const neighbours = Math.max(...own.map((row) => row.neighbours), own.length)
    if (neighbours > bounds.maxFanOut) {
      if (from.depth > 0) {
        skipped.push({
          key: from.key,
          value: from.value,
          neighbours,
          reason: `links to ${neighbours} keys, more than ${bounds.maxFanOut}: a key reused by accident is not followed`,
        })
        continue
      }
      // The root is the journey itself: follow its first keys and say the list was cut.
      skipped.push({
        key: from.key,
        value: from.value,
        neighbours,
        reason: `the root key links to ${neighbours} keys; the first ${bounds.maxFanOut} are followed`,
      })
      truncated = true
    }
    for (const row of own.slice(0, bounds.maxFanOut)) {
      const key = id(row.linkedKey, row.linkedValue)
      if (nodes.has(key)) continue
      if (nodes.size >= bounds.maxKeys) {
        truncated = true
        break
      }
      const node: ClosureNode = {
        key: row.linkedKey,
        value: row.linkedValue,
        depth: from.depth + 1,
        via: { key: from.key, value: from.value },
        path: [...from.path, row.linkedKey],
        firstSeenMs: row.firstMs,
        lastSeenMs: row.lastMs,
      }
      nodes.set(key, node)
      frontier.push(node)
    }
  }
  return { nodes, frontier, skipped, truncated }
}
