/**
 * A journey span as the lookup reads it from ClickHouse, the merge of several such reads, and
 * the span the pure journey evaluation takes.
 */
import type { Attributes } from '../../core/index.ts'
import type { JourneySpan } from '../lookup/evidence.ts'
import type { StageRecogniser } from '../model/stage-recogniser.ts'

/** One row of a journey-span read. */
export interface SpanDbRow {
  TraceId: string
  SpanId: string
  ServiceName: string
  RetailSystem: string
  SpanName: string
  SpanKind: string
  TimeMs: number | string
  StatusCode: string
  StatusMessage: string
  Stage: string
  BusinessKeys: Attributes
  Attributes: Attributes
  Store: string
  DeadLetter: number | boolean
  Retries: number | string
}

/**
 * Spans of several reads as one: in time order, at most `perStage` per stage and store and
 * `limit` in all. Each read is already so bounded, so the first of the union are among the first
 * of each.
 */
export function mergeSpans(reads: readonly (readonly SpanDbRow[])[], perStage: number, limit: number): SpanDbRow[] {
  const sorted = reads
    .flat()
    .sort((x, y) => Number(x.TimeMs) - Number(y.TimeMs) || (x.SpanId < y.SpanId ? -1 : x.SpanId > y.SpanId ? 1 : 0))
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

/** The span the evaluation takes; spans stored before a match rule existed are recognised now. */
export function toJourneySpan(row: SpanDbRow, recogniser: StageRecogniser, linkTraces: ReadonlySet<string>): JourneySpan {
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
    stage: row.Stage !== '' ? row.Stage : recogniser.stageOf({ service: row.ServiceName, name: row.SpanName, attributes: row.Attributes }),
    store: row.Store,
    businessKeys: row.BusinessKeys,
    deadLetter: row.DeadLetter === true || Number(row.DeadLetter) === 1,
    retries: Number(row.Retries),
    viaLink: linkTraces.has(row.TraceId),
  }
}
