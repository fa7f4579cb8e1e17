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
import { journeySpansQuery, keyNeighboursQuery, keysTracesQuery, linkedTracesQuery, type KeyValues } from './queries/journey-lookup.ts'

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

async function findTraces(context: LookupContext, tenant: string, state: ClosureState): Promise<{ traces: FoundTrace[]; truncated: boolean }> {
  const { maxTraces, linkHops } = context.bounds
  const byKey = await context.warehouse.rows<TraceRow>(keysTracesQuery(context.target, tenant, tracedKeys(state), maxTraces + 1))
  let truncated = byKey.length > maxTraces
  const traces: JourneyTrace[] = byKey.slice(0, maxTraces).map((row) => ({ traceId: row.TraceId, startTime: nanosToIso(row.StartNs), endTime: nanosToIso(row.EndNs), via: 'key' }))
  const nanos = new Map(byKey.map((row) => [row.TraceId, row]))
  let frontier = traces.map((trace) => trace.traceId)
  for (let hop = 0; hop < linkHops && frontier.length > 0 && traces.length < maxTraces; hop++) {
    const linked = await context.warehouse.rows<TraceRow>(linkedTracesQuery(context.target, tenant, frontier, traces.map((trace) => trace.traceId), maxTraces - traces.length + 1))
    if (linked.length > maxTraces - traces.length) truncated = true
    const added = linked.slice(0, maxTraces - traces.length)
    for (const row of added) {
      nanos.set(row.TraceId, row)
      traces.push({ traceId: row.TraceId, startTime: nanosToIso(row.StartNs), endTime: nanosToIso(row.EndNs), via: 'link' })
    }
    frontier = added.map((row) => row.TraceId)
  }
  return { traces: traces.map((trace) => ({ ...trace, startNs: nanos.get(trace.traceId)!.StartNs, endNs: nanos.get(trace.traceId)!.EndNs })), truncated }
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
  const closure = await closeKeys(context, tenant, definition, key)
  const found = await findTraces(context, tenant, closure)
  if (found.traces.length === 0) return undefined
  const traces = found.traces
  const window = {
    traceIds: traces.map((trace) => trace.traceId),
    fromNs: traces.reduce((min, trace) => (BigInt(trace.startNs) < BigInt(min) ? trace.startNs : min), traces[0]!.startNs),
    toNs: traces.reduce((max, trace) => (BigInt(trace.endNs) > BigInt(max) ? trace.endNs : max), traces[0]!.endNs),
    keyValues: [...closure.nodes.values()].map((node) => node.value),
  }
  const { maxSpans, maxSpansPerStage } = context.bounds
  const rows = await context.warehouse.rows<SpanDbRow>(journeySpansQuery(context.target, tenant, window, context.recogniser.rules.map((rule) => rule.match), maxSpansPerStage, maxSpans))
  const linkTraces = new Set(traces.filter((trace) => trace.via === 'link').map((trace) => trace.traceId))
  const spans = rows.map((row) => toJourneySpan(row, context.recogniser, linkTraces))
  const root = evaluated(context, definition, key, spans, now.getTime())
  if (root.evidence.hits.length === 0) return undefined
  const linked = linkedJourneyCandidates(closure, context.journeys)
    .map((candidate) => evaluated(context, candidate.definition, candidate.key, spans, now.getTime()))
    .filter((journey) => journey.evidence.hits.length > 0)
  return journeyAnswer(root, linked, {
    closure,
    traces: traces.map(({ startNs: _s, endNs: _e, ...trace }) => trace),
    tracesTruncated: found.truncated,
    spansTruncated: rows.length >= maxSpans,
  })
}
