/**
 * What the receiver admits beyond a well-formed span: a start time inside the window the store
 * keeps. A span from before the retention would expire at once, one from a clock far ahead would
 * sit at the top of every list for years, and a request whose spans fall on many days would
 * write a part per day in one insert. Both are refused one by one, as OTLP's partial success
 * allows; event times that cannot be stored are moved to their span's start.
 */
import type { SpanEvent, SpanRecord } from '../../core/index.ts'
import { DecodeTally, type DecodedTraces, type DecodeLimits, type SpanProblem } from './span-validation.ts'

/** The window of start times a receiver stores. */
export interface SpanTimeWindow {
  /** Oldest start accepted, as an age from now: the retention. */
  readonly maxAgeMs: number
  /** Latest start accepted, ahead of now: room for clocks that drift. */
  readonly maxAheadMs: number
}

/** A day ahead: OTLP senders' clocks drift, but not by more. */
export const DEFAULT_MAX_AHEAD_MS = 86_400_000

const NANOS_PER_MS = 1_000_000n
/** The last instant ClickHouse's DateTime64(9) holds (2262-04-11). */
const MAX_STORABLE_NANOS = 2n ** 63n - 1n

/** The decoded request with spans outside the window moved to its rejections. */
export function admitSpans(decoded: DecodedTraces, window: SpanTimeWindow, nowMs: number, limits: DecodeLimits): DecodedTraces {
  const oldest = BigInt(Math.floor(nowMs - window.maxAgeMs)) * NANOS_PER_MS
  const latest = BigInt(Math.floor(nowMs + window.maxAheadMs)) * NANOS_PER_MS
  let refused = false
  for (const span of decoded.spans) if (startProblem(span.startTimeUnixNano, oldest, latest)) refused = true
  if (!refused && !decoded.spans.some(hasUnstorableEvent)) return decoded

  const tally = new DecodeTally(limits)
  tally.rejectedSpans = decoded.rejectedSpans
  tally.rejectionMessage = decoded.rejectionMessage
  tally.rejections.push(...decoded.rejections)
  Object.assign(tally.rejectedByReason, decoded.rejectedByReason)
  tally.truncated = decoded.truncated
  tally.resourceCopyChars = decoded.resourceCopyChars
  for (const span of decoded.spans) {
    const problem = startProblem(span.startTimeUnixNano, oldest, latest)
    if (problem) tally.reject(span, problem, `${span.spanId} of trace ${span.traceId}`)
    else tally.spans.push(hasUnstorableEvent(span) ? withStorableEvents(span) : span)
  }
  return tally.result()
}

function startProblem(start: bigint, oldest: bigint, latest: bigint): SpanProblem | undefined {
  if (start === 0n) return { reason: 'start_time_missing', detail: 'start time is missing' }
  if (start < oldest)
    return { reason: 'start_time_too_old', detail: `start time ${isoOf(start)} is older than the retention (from ${isoOf(oldest)})` }
  if (start > latest)
    return { reason: 'start_time_in_future', detail: `start time ${isoOf(start)} is more than a day ahead of the receiver's clock` }
  return undefined
}

function hasUnstorableEvent(span: SpanRecord): boolean {
  for (const event of span.events) if (event.timeUnixNano === 0n || event.timeUnixNano > MAX_STORABLE_NANOS) return true
  return false
}

function withStorableEvents(span: SpanRecord): SpanRecord {
  const events: SpanEvent[] = span.events.map((event) =>
    event.timeUnixNano === 0n || event.timeUnixNano > MAX_STORABLE_NANOS ? { ...event, timeUnixNano: span.startTimeUnixNano } : event,
  )
  return { ...span, events }
}

function isoOf(nanos: bigint): string {
  const ms = Number(nanos / NANOS_PER_MS)
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? `${nanos} ns` : date.toISOString()
}
