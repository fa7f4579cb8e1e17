/**
 * One journey lookup against ClickHouse: the key closure hop by hop over the key-link index, the
 * traces of the keys (and those one or two queue hops away), the journey's spans in them, then
 * the pure evaluation and answer. Every read is bounded.
 */
import type { Attributes, JourneyResponse, JourneyTrace } from '../core/index.ts'
import type { Warehouse } from './clickhouse/connection.ts'
import type { SchemaTarget } from './clickhouse/schema.ts'
import { nanosToIso } from './api-span.ts'
import { expandClosure, neighbourRequests, startClosure, type ClosureBounds, type ClosureState, type KeyLinkRow } from './journeys/closure.ts'
import { journeyAnswer, linkedJourneyCandidates, type EvaluatedJourney } from './journeys/answer.ts'
import { evaluateJourney } from './journeys/evaluate.ts'
import { journeyEvidence, type JourneySpan } from './journeys/evidence.ts'
import type { JourneyDefinition } from './journeys/model.ts'
import type { StageGraph } from './journeys/stage-graph.ts'
import type { StageRecogniser } from './journeys/stage-recogniser.ts'
import { journeySpansQuery, keyNeighboursQuery, keysTracesQuery, linkedTraceIdsQuery, traceTimesQuery, type KeyValues } from './queries/journey-lookup.ts'

/** Bounds of one lookup. */
export interface LookupBounds {
  readonly closure: ClosureBounds
  readonly maxTraces: number
  /** Queue hops followed from the traces of the keys. */
  readonly linkHops: number
  readonly maxSpans: number
  readonly maxSpansPerStage: number
}

/** What a lookup needs. */
export interface LookupContext {
  readonly warehouse: Warehouse
  readonly target: SchemaTarget
  readonly journeys: readonly JourneyDefinition[]
  readonly graphs: ReadonlyMap<string, StageGraph>
  readonly recogniser: StageRecogniser
  readonly bounds: LookupBounds
}

interface TraceRow { TraceId: string; StartNs: string; EndNs: string }
type FoundTrace = JourneyTrace & { readonly startNs: string; readonly endNs: string }
interface KeyLinkDbRow { key: string; value: string; linkedKey: string; linkedValue: string; firstMs: number | string; lastMs: number | string; neighbours: number | string }
interface SpanDbRow {
  TraceId: string; SpanId: string; ServiceName: string; RetailSystem: string; SpanName: string; SpanKind: string; TimeMs: number | string
  StatusCode: string; StatusMessage: string; Stage: string; BusinessKeys: Attributes; Attributes: Attributes; Store: string; DeadLetter: number | boolean; Retries: number | string
}

async function closeKeys(context: LookupContext, tenant: string, definition: JourneyDefinition, key: string): Promise<ClosureState> {
  const bounds = context.bounds.closure
  let state = startClosure(definition, key)
  for (let hop = 0; hop < bounds.maxDepth; hop++) {
    const requests = neighbourRequests(definition, state, bounds)
    if (requests.length === 0) break
    const rows = await context.warehouse.rows<KeyLinkDbRow>(keyNeighboursQuery(context.target, tenant, requests, bounds.maxFanOut + 1))
    state = expandClosure(state, rows.map((row): KeyLinkRow => ({ ...row, firstMs: Number(row.firstMs), lastMs: Number(row.lastMs), neighbours: Number(row.neighbours) })), bounds)
  }
  return state
}

/** The keys whose traces belong to the journey: all but those skipped for linking to too many others. */
function tracedKeys(state: ClosureState): KeyValues[] {
  const hubs = new Set(state.skipped.map((skip) => `${skip.key}\u0000${skip.value}`))
  const byName = new Map<string, string[]>()
  for (const node of state.nodes.values()) {
    if (node.depth > 0 && hubs.has(`${node.key}\u0000${node.value}`)) continue
    byName.set(node.key, [...(byName.get(node.key) ?? []), node.value])
  }
  return [...byName.entries()].map(([key, values]) => ({ key, values }))
}

const toTrace = (row: TraceRow, via: JourneyTrace['via']): FoundTrace => ({ traceId: row.TraceId, startTime: nanosToIso(row.StartNs), endTime: nanosToIso(row.EndNs), via, startNs: row.StartNs, endNs: row.EndNs })

/** The traces that carry some keys, oldest first, at most `maxTraces` and one more to tell truncation. */
async function tracesOfKeys(context: LookupContext, tenant: string, keys: readonly KeyValues[]): Promise<TraceRow[]> {
  if (keys.length === 0) return []
  return context.warehouse.rows<TraceRow>(keysTracesQuery(context.target, tenant, keys, context.bounds.maxTraces + 1))
}

/**
 * The traces of the journey's keys, oldest first: those of the root key (read while the closure
 * is worked out) and those of the keys the closure added, as one list.
 */
async function keyTraces(context: LookupContext, tenant: string, rootTraces: Promise<TraceRow[]>, state: ClosureState, root: KeyValues): Promise<{ traces: FoundTrace[]; truncated: boolean }> {
  const others = tracedKeys(state).map((entry) => (entry.key === root.key ? { ...entry, values: entry.values.filter((value) => !root.values.includes(value)) } : entry)).filter((entry) => entry.values.length > 0)
  const [fromRoot, fromOthers] = await Promise.all([rootTraces, tracesOfKeys(context, tenant, others)])
  const byId = new Map<string, TraceRow>()
  for (const row of [...fromRoot, ...fromOthers]) {
    const known = byId.get(row.TraceId)
    byId.set(row.TraceId, known ? { TraceId: row.TraceId, StartNs: minNanos(known.StartNs, row.StartNs), EndNs: maxNanos(known.EndNs, row.EndNs) } : row)
  }
  const rows = [...byId.values()].sort((a, b) => compareNanos(a.StartNs, b.StartNs) || (a.TraceId < b.TraceId ? -1 : a.TraceId > b.TraceId ? 1 : 0))
  const { maxTraces } = context.bounds
  return { traces: rows.slice(0, maxTraces).map((row) => toTrace(row, 'key')), truncated: rows.length > maxTraces }
}

const compareNanos = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)
const minNanos = (a: string, b: string): string => (compareNanos(a, b) <= 0 ? a : b)
const maxNanos = (a: string, b: string): string => (compareNanos(a, b) >= 0 ? a : b)

/** The traces up to `linkHops` span links away from the given ones (queue hops), within the trace bound. */
async function linkTraces(context: LookupContext, tenant: string, found: readonly FoundTrace[]): Promise<{ traces: FoundTrace[]; truncated: boolean }> {
  const { maxTraces, linkHops } = context.bounds
  const traces: FoundTrace[] = []
  let truncated = false
  let frontier = found.map((trace) => trace.traceId)
  for (let hop = 0; hop < linkHops && frontier.length > 0 && found.length + traces.length < maxTraces; hop++) {
    const room = maxTraces - found.length - traces.length
    const known = [...found, ...traces].map((trace) => trace.traceId)
    // The link index alone first: most traces have no queue hop, and then no time lookup is needed.
    const ids = await context.warehouse.rows<{ LinkedTraceId: string }>(linkedTraceIdsQuery(context.target, tenant, frontier, known))
    const linked = ids.length === 0 ? [] : await context.warehouse.rows<TraceRow>(traceTimesQuery(context.target, tenant, ids.map((row) => row.LinkedTraceId), room + 1))
    if (linked.length > room) truncated = true
    const added = linked.slice(0, room).map((row) => toTrace(row, 'link'))
    traces.push(...added)
    frontier = added.map((trace) => trace.traceId)
  }
  return { traces, truncated }
}

/** The journey's spans in some of its traces, at most `maxSpansPerStage` per stage and store and `maxSpans` in all. */
async function journeySpans(context: LookupContext, tenant: string, traces: readonly FoundTrace[], keyValues: readonly string[]): Promise<SpanDbRow[]> {
  if (traces.length === 0) return []
  const window = {
    traceIds: traces.map((trace) => trace.traceId),
    fromNs: traces.map((trace) => trace.startNs).reduce(minNanos),
    toNs: traces.map((trace) => trace.endNs).reduce(maxNanos),
    keyValues,
  }
  const { maxSpans, maxSpansPerStage } = context.bounds
  return context.warehouse.rows<SpanDbRow>(journeySpansQuery(context.target, tenant, window, context.recogniser.rules.map((rule) => rule.match), maxSpansPerStage, maxSpans))
}

/**
 * Spans of two reads as one: in time order, at most `perStage` per stage and store and `limit`
 * in all. Each read is already so bounded, so the first of the union are among the first of each.
 */
function mergeSpans(a: readonly SpanDbRow[], b: readonly SpanDbRow[], perStage: number, limit: number): SpanDbRow[] {
  if (b.length === 0) return [...a]
  const sorted = [...a, ...b].sort((x, y) => Number(x.TimeMs) - Number(y.TimeMs) || (x.SpanId < y.SpanId ? -1 : x.SpanId > y.SpanId ? 1 : 0))
  const perStageStore = new Map<string, number>()
  const merged: SpanDbRow[] = []
  for (const row of sorted) {
    const group = `${row.Stage}\u0000${row.Store}`
    const seen = perStageStore.get(group) ?? 0
    if (seen >= perStage) continue
    perStageStore.set(group, seen + 1)
    merged.push(row)
    if (merged.length >= limit) break
  }
  return merged
}

function toJourneySpan(row: SpanDbRow, recogniser: StageRecogniser, linkTraces: ReadonlySet<string>): JourneySpan {
  return {
    traceId: row.TraceId,
    spanId: row.SpanId,
    service: row.ServiceName,
    system: row.RetailSystem,
    name: row.SpanName,
    kind: row.SpanKind,
    timeMs: Number(row.TimeMs),
    statusCode: row.StatusCode,
    statusMessage: row.StatusMessage,
    // Spans stored before a match rule existed are recognised now.
    stage: row.Stage !== '' ? row.Stage : recogniser.stageOf({ service: row.ServiceName, name: row.SpanName, attributes: row.Attributes }),
    store: row.Store,
    businessKeys: row.BusinessKeys,
    deadLetter: row.DeadLetter === true || Number(row.DeadLetter) === 1,
    retries: Number(row.Retries),
    viaLink: linkTraces.has(row.TraceId),
  }
}

function evaluated(context: LookupContext, definition: JourneyDefinition, key: string, spans: readonly JourneySpan[], nowMs: number): EvaluatedJourney {
  const evidence = journeyEvidence(definition, key, spans)
  return { definition, key, evidence, evaluation: evaluateJourney(context.graphs.get(definition.type)!, evidence, nowMs) }
}

/** Looks one journey up; undefined when no stage of it was found. */
export async function lookupJourney(context: LookupContext, tenant: string, definition: JourneyDefinition, key: string, now: Date): Promise<JourneyResponse | undefined> {
  const rootKey: KeyValues = { key: definition.rootKey, values: [key] }
  const rootTraces = tracesOfKeys(context, tenant, [rootKey])
  const closure = await closeKeys(context, tenant, definition, key).catch(async (error: unknown) => {
    await rootTraces.catch(() => {})
    throw error
  })
  const byKey = await keyTraces(context, tenant, rootTraces, closure, rootKey)
  if (byKey.traces.length === 0) return undefined
  const keyValues = [...closure.nodes.values()].map((node) => node.value)
  // The spans of the keys' traces are read while the queue hops are followed.
  const [keySpans, byLink] = await Promise.all([journeySpans(context, tenant, byKey.traces, keyValues), linkTraces(context, tenant, byKey.traces)])
  const linkSpans = await journeySpans(context, tenant, byLink.traces, keyValues)
  const { maxSpans, maxSpansPerStage } = context.bounds
  const rows = mergeSpans(keySpans, linkSpans, maxSpansPerStage, maxSpans)
  const traces = [...byKey.traces, ...byLink.traces]
  const linkTraceIds = new Set(byLink.traces.map((trace) => trace.traceId))
  const spans = rows.map((row) => toJourneySpan(row, context.recogniser, linkTraceIds))
  const root = evaluated(context, definition, key, spans, now.getTime())
  if (root.evidence.hits.length === 0) return undefined
  const linked = linkedJourneyCandidates(closure, context.journeys)
    .map((candidate) => evaluated(context, candidate.definition, candidate.key, spans, now.getTime()))
    .filter((journey) => journey.evidence.hits.length > 0)
  return journeyAnswer(root, linked, {
    closure,
    traces: traces.map(({ startNs: _s, endNs: _e, ...trace }) => trace),
    tracesTruncated: byKey.truncated || byLink.truncated,
    spansTruncated: keySpans.length >= maxSpans || linkSpans.length >= maxSpans || rows.length >= maxSpans,
  })
}
