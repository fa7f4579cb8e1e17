/**
 * The reads behind one journey lookup: the key closure hop by hop over the key-link index, the
 * traces of its keys, the journey's spans in them, and the traces one or two queue hops away.
 * The embedded engine runs one statement at a time and each costs a few milliseconds before it
 * reads anything, so reads that can go together do: each statement reads the closure's next hop
 * and the traces of its newest keys, and with them the spans and queue hops of the traces found
 * one statement earlier. An order without linked keys is two statements, and so is one with a
 * payment. Every read is bounded.
 */
import type { JourneyTrace } from '../../core/index.ts'
import { readBatch, type BatchReads } from '../../storage/index.ts'
import type { Warehouse, SchemaTarget, Sql } from '../../storage/index.ts'
import { nanosToIso } from '../../spans/index.ts'
import {
  expandClosure,
  neighbourRequests,
  startClosure,
  type ClosureBounds,
  type ClosureNode,
  type ClosureState,
  type KeyLinkRow,
} from './closure.ts'
import type { JourneyDefinition } from '../model/model.ts'
import type { StageRecogniser } from '../model/stage-recogniser.ts'
import {
  journeySpansQuery,
  keyNeighboursQuery,
  keysTracesQuery,
  linkedTraceIdsQuery,
  traceTimesQuery,
  type KeyValues,
} from './lookup-queries.ts'
import { mergeSpans, type SpanDbRow } from '../span-index/span-rows.ts'

/** Bounds of one lookup. */
export interface LookupBounds {
  readonly closure: ClosureBounds
  readonly maxTraces: number
  /** Queue hops followed from the traces of the keys. */
  readonly linkHops: number
  readonly maxSpans: number
  readonly maxSpansPerStage: number
}

/** What the reads need. */
export interface GatherContext {
  readonly warehouse: Warehouse
  readonly target: SchemaTarget
  readonly recogniser: StageRecogniser
  readonly bounds: LookupBounds
  /** Nanoseconds from which the journey-span index holds every span; undefined while not known. */
  readonly indexedFromNs: () => string | undefined
}

/** A trace of the journey, with its time span in nanoseconds for the span reads. */
export type FoundTrace = JourneyTrace & { readonly startNs: string; readonly endNs: string }

/** Everything one lookup read. */
export interface GatheredJourney {
  readonly closure: ClosureState
  readonly keyTraces: readonly FoundTrace[]
  readonly linkTraces: readonly FoundTrace[]
  readonly tracesTruncated: boolean
  /** In time order, at most `maxSpansPerStage` per stage and store and `maxSpans` in all. */
  readonly spans: readonly SpanDbRow[]
  readonly spansTruncated: boolean
}

interface TraceRow {
  TraceId: string
  StartNs: string
  EndNs: string
}
interface LinkedTraceRow {
  LinkedTraceId: string
}
interface KeyLinkDbRow {
  key: string
  value: string
  linkedKey: string
  linkedValue: string
  firstMs: number | string
  lastMs: number | string
  neighbours: number | string
}
interface StepRows {
  neighbours: KeyLinkDbRow
  traces: TraceRow
  spans: SpanDbRow
  moreSpans: SpanDbRow
  linked: LinkedTraceRow
}

const toKeyLinkRow = (row: KeyLinkDbRow): KeyLinkRow => ({
  ...row,
  firstMs: Number(row.firstMs),
  lastMs: Number(row.lastMs),
  neighbours: Number(row.neighbours),
})
const nodeId = (node: { key: string; value: string }): string => `${node.key}\u0000${node.value}`
const compareNanos = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)
const minNanos = (a: string, b: string): string => (compareNanos(a, b) <= 0 ? a : b)
const maxNanos = (a: string, b: string): string => (compareNanos(a, b) >= 0 ? a : b)
const toTrace = (row: TraceRow, via: JourneyTrace['via']): FoundTrace => ({
  traceId: row.TraceId,
  startTime: nanosToIso(row.StartNs),
  endTime: nanosToIso(row.EndNs),
  via,
  startNs: row.StartNs,
  endNs: row.EndNs,
})

/** The keys of some closure nodes, grouped by key name. */
function keyValues(nodes: readonly ClosureNode[]): KeyValues[] {
  const byName = new Map<string, string[]>()
  for (const node of nodes) byName.set(node.key, [...(byName.get(node.key) ?? []), node.value])
  return [...byName.entries()].map(([key, values]) => ({ key, values }))
}

/** Traces merged by id and cut to the trace bound, oldest first. */
function oldestTraces(rows: Iterable<TraceRow>, maxTraces: number): { traces: FoundTrace[]; truncated: boolean } {
  const byId = new Map<string, TraceRow>()
  for (const row of rows) {
    const known = byId.get(row.TraceId)
    byId.set(
      row.TraceId,
      known ? { TraceId: row.TraceId, StartNs: minNanos(known.StartNs, row.StartNs), EndNs: maxNanos(known.EndNs, row.EndNs) } : row,
    )
  }
  const sorted = [...byId.values()].sort(
    (a, b) => compareNanos(a.StartNs, b.StartNs) || (a.TraceId < b.TraceId ? -1 : a.TraceId > b.TraceId ? 1 : 0),
  )
  return { traces: sorted.slice(0, maxTraces).map((row) => toTrace(row, 'key')), truncated: sorted.length > maxTraces }
}

/** Reads the journey's spans in some traces: those carrying one of `values`, and with `keyless` those carrying no key. */
function spansRead(
  context: GatherContext,
  tenant: string,
  traces: readonly FoundTrace[],
  values: readonly string[],
  keyless: boolean,
): Sql {
  const window = {
    traceIds: traces.map((trace) => trace.traceId),
    fromNs: traces.map((trace) => trace.startNs).reduce(minNanos),
    toNs: traces.map((trace) => trace.endNs).reduce(maxNanos),
    keyValues: values,
    keyless,
  }
  const { maxSpans, maxSpansPerStage } = context.bounds
  // A window older than the index reaches back to yet (an upgrade's backfill under way) reads the spans table.
  const indexedFrom = context.indexedFromNs()
  const source = indexedFrom !== undefined && compareNanos(window.fromNs, indexedFrom) >= 0 ? 'index' : 'spans'
  return journeySpansQuery(
    context.target,
    tenant,
    window,
    source,
    context.recogniser.rules.map((rule) => rule.match),
    maxSpansPerStage,
    maxSpans,
  )
}

/**
 * The closure with the traces of its keys and their spans. Each step reads, as one statement:
 * the neighbours and traces of the closure's frontier, the spans and first queue hop of the
 * traces found so far and not yet read, and in the traces read before, the spans of keys found
 * since. A key found to link to too many others is not followed and its traces are left out
 * (read again without it, a rare case).
 */
async function closeKeys(context: GatherContext, tenant: string, definition: JourneyDefinition, key: string) {
  const bounds = context.bounds.closure
  let state = startClosure(definition, key)
  const traceRows: TraceRow[] = []
  /** The traces whose spans were read: the time span read, and the step that read all of it. */
  const spanned = new Map<string, { trace: FoundTrace; step: number }>()
  let spannedValues: string[] = []
  const spanReads: { step: number; rows: SpanDbRow[] }[] = []
  const linked = new Set<string>()
  for (let step = 0; ; step++) {
    const requests = neighbourRequests(definition, state, bounds)
    const values = [...state.nodes.values()].map((node) => node.value)
    const found = oldestTraces(traceRows, context.bounds.maxTraces).traces
    // A trace another key showed to reach further in time is read again whole: its window was too narrow.
    const fresh = found.filter((trace) => !spanned.has(trace.traceId) || !covers(spanned.get(trace.traceId)!.trace, trace))
    const read = found.filter((trace) => spanned.has(trace.traceId) && !fresh.includes(trace))
    const unlinked = fresh.filter((trace) => !spanned.has(trace.traceId)).map((trace) => trace.traceId)
    const newValues = values.filter((value) => !spannedValues.includes(value))
    const reads: BatchReads<StepRows> = {
      neighbours: requests.length > 0 ? keyNeighboursQuery(context.target, tenant, requests, bounds.maxFanOut + 1) : undefined,
      traces:
        state.frontier.length > 0
          ? keysTracesQuery(context.target, tenant, keyValues(state.frontier), context.bounds.maxTraces + 1)
          : undefined,
      spans: fresh.length > 0 ? spansRead(context, tenant, fresh, values, true) : undefined,
      linked:
        unlinked.length > 0
          ? linkedTraceIdsQuery(
              context.target,
              tenant,
              unlinked,
              found.map((trace) => trace.traceId),
            )
          : undefined,
      moreSpans: read.length > 0 && newValues.length > 0 ? spansRead(context, tenant, read, newValues, false) : undefined,
    }
    if (Object.values(reads).every((sql) => sql === undefined)) break
    const rows = await readBatch<StepRows>(context.warehouse, reads)
    for (const trace of fresh) spanned.set(trace.traceId, { trace, step })
    spannedValues = values
    spanReads.push({ step, rows: [...rows.spans, ...rows.moreSpans] })
    for (const row of rows.linked) linked.add(row.LinkedTraceId)
    const next = requests.length > 0 ? expandClosure(state, rows.neighbours.map(toKeyLinkRow), bounds) : { ...state, frontier: [] }
    const hubs = new Set(next.skipped.slice(state.skipped.length).map(nodeId))
    const traced = state.frontier.filter((node) => node.depth === 0 || !hubs.has(nodeId(node)))
    if (traced.length === state.frontier.length) traceRows.push(...rows.traces)
    else if (traced.length > 0)
      traceRows.push(
        ...(await context.warehouse.rows<TraceRow>(
          keysTracesQuery(context.target, tenant, keyValues(traced), context.bounds.maxTraces + 1),
        )),
      )
    state = next
  }
  const { traces, truncated } = oldestTraces(traceRows, context.bounds.maxTraces)
  const ids = new Set(traces.map((trace) => trace.traceId))
  // A trace's spans come from the step that read it whole and the later ones; none from a trace older ones pushed out of the bound.
  const spans = spanReads.map((read) => read.rows.filter((row) => ids.has(row.TraceId) && read.step >= spanned.get(row.TraceId)!.step))
  return { closure: state, traces, truncated, spans, linked: [...linked].filter((id) => !ids.has(id)) }
}

/** Whether a read trace's time span covers the trace as now known. */
const covers = (read: FoundTrace, now: FoundTrace): boolean =>
  compareNanos(read.startNs, now.startNs) <= 0 && compareNanos(read.endNs, now.endNs) >= 0

/**
 * The traces up to `linkHops` span links away from the key traces (queue hops), within the trace
 * bound, starting from the ids one hop away read with the key traces' spans. Each further hop
 * reads the new traces' times and the ids one more hop away as one statement.
 */
async function linkTraces(
  context: GatherContext,
  tenant: string,
  found: readonly FoundTrace[],
  firstHop: readonly string[],
): Promise<{ traces: FoundTrace[]; truncated: boolean }> {
  const { maxTraces, linkHops } = context.bounds
  const traces: FoundTrace[] = []
  let truncated = false
  let ids = firstHop
  for (let hop = 0; hop < linkHops && ids.length > 0 && found.length + traces.length < maxTraces; hop++) {
    const room = maxTraces - found.length - traces.length
    const known = [...found.map((trace) => trace.traceId), ...traces.map((trace) => trace.traceId), ...ids]
    const times = traceTimesQuery(context.target, tenant, ids, room + 1)
    const read =
      hop + 1 < linkHops
        ? await readBatch<{ times: TraceRow; next: LinkedTraceRow }>(context.warehouse, {
            times,
            next: linkedTraceIdsQuery(context.target, tenant, ids, known),
          })
        : { times: await context.warehouse.rows<TraceRow>(times), next: [] }
    if (read.times.length > room) truncated = true
    traces.push(...read.times.slice(0, room).map((row) => toTrace(row, 'link')))
    // A hop cut short is not followed further: which of its traces the next ids came from is not known.
    ids = truncated ? [] : read.next.map((row) => row.LinkedTraceId)
  }
  return { traces, truncated }
}

/** Reads one journey: its closure, traces and spans; no traces when its root key was never seen. */
export async function gatherJourney(
  context: GatherContext,
  tenant: string,
  definition: JourneyDefinition,
  key: string,
): Promise<GatheredJourney> {
  const keyed = await closeKeys(context, tenant, definition, key)
  const values = [...keyed.closure.nodes.values()].map((node) => node.value)
  const byLink =
    keyed.traces.length === 0 ? { traces: [], truncated: false } : await linkTraces(context, tenant, keyed.traces, keyed.linked)
  const linkSpans =
    byLink.traces.length === 0 ? [] : await context.warehouse.rows<SpanDbRow>(spansRead(context, tenant, byLink.traces, values, true))
  const { maxSpans, maxSpansPerStage } = context.bounds
  const reads = [...keyed.spans, linkSpans]
  const spans = mergeSpans(reads, maxSpansPerStage, maxSpans)
  return {
    closure: keyed.closure,
    keyTraces: keyed.traces,
    linkTraces: byLink.traces,
    tracesTruncated: keyed.truncated || byLink.truncated,
    spans,
    spansTruncated: reads.some((read) => read.length >= maxSpans) || spans.length >= maxSpans,
  }
}
