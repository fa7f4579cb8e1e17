/**
 * What both decoders do once a span is read: reject spans the store cannot key (bad ids, no
 * name) one by one instead of failing the request, as OTLP's partial success allows, and cut
 * what is over a limit instead of refusing it, so one noisy instrumentation cannot stop a batch.
 */
import type { SpanRecord } from '../../core/index.ts'
import { ZERO_SPAN_ID, ZERO_TRACE_ID } from './otlp-values.ts'

/** Per-span limits; anything over them is cut or dropped and counted, never a failure. */
export interface DecodeLimits {
  /** Attributes kept per span, event, link, scope and resource; later ones are dropped. */
  readonly maxAttributesPerSpan: number
  /** Characters kept of a flattened attribute value (and of names and messages). */
  readonly maxAttributeValueLength: number
  readonly maxEventsPerSpan: number
  readonly maxLinksPerSpan: number
  /** Nesting kept of arrays and maps inside a value; deeper ones flatten to JSON null. */
  readonly maxArrayDepth: number
}

/** The limits a receiver uses unless configured otherwise. */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = Object.freeze({
  maxAttributesPerSpan: 128,
  maxAttributeValueLength: 8192,
  maxEventsPerSpan: 128,
  maxLinksPerSpan: 128,
  maxArrayDepth: 8,
})

/** The outcome of decoding one export request. */
export interface DecodedTraces {
  /** The spans that passed validation, in request order. */
  spans: SpanRecord[]
  rejectedSpans: number
  /** Why the first rejected span was rejected; empty when none was. */
  rejectionMessage: string
  /** Values cut plus attributes, events, links and nested values dropped over a limit. */
  truncated: number
}

// Nesting is recursion in the decoders; this keeps a misconfigured limit from exhausting the stack.
const DEPTH_CEILING = 64

/** Collects the spans of one request with their rejections and truncations. */
export class DecodeTally {
  readonly spans: SpanRecord[] = []
  rejectedSpans = 0
  rejectionMessage = ''
  truncated = 0
  readonly maxAttributes: number
  readonly maxValueLength: number
  /** UTF-8 bytes enough for `maxValueLength` characters: at most 3 per UTF-16 unit, plus 3 for a character split at the edge. */
  readonly maxValueBytes: number
  readonly maxEvents: number
  readonly maxLinks: number
  readonly maxDepth: number

  constructor(limits: DecodeLimits) {
    this.maxAttributes = atLeast(0, limits.maxAttributesPerSpan)
    this.maxValueLength = atLeast(0, limits.maxAttributeValueLength)
    this.maxValueBytes = this.maxValueLength * 3 + 3
    this.maxEvents = atLeast(0, limits.maxEventsPerSpan)
    this.maxLinks = atLeast(0, limits.maxLinksPerSpan)
    this.maxDepth = Math.min(DEPTH_CEILING, atLeast(1, limits.maxArrayDepth))
  }

  /** Keeps a span or, when `reason` is non-empty, counts it as rejected. */
  accept(span: SpanRecord, reason: string, resourceIndex: number, scopeIndex: number, spanIndex: number): void {
    if (reason === '') {
      this.spans.push(span)
      return
    }
    if (this.rejectedSpans++ === 0) {
      this.rejectionMessage = `span resourceSpans[${resourceIndex}].scopeSpans[${scopeIndex}].spans[${spanIndex}] rejected: ${reason}`
    }
  }

  /** Text cut to the value length limit, counted when cut. */
  cut(text: string): string {
    if (text.length <= this.maxValueLength) return text
    this.truncated++
    let end = this.maxValueLength
    // Never leave half of a surrogate pair at the cut.
    const last = text.charCodeAt(end - 1)
    if (last >= 0xd800 && last <= 0xdbff) end--
    return text.slice(0, end)
  }

  /** The request's result. */
  result(): DecodedTraces {
    return { spans: this.spans, rejectedSpans: this.rejectedSpans, rejectionMessage: this.rejectionMessage, truncated: this.truncated }
  }
}

/**
 * Why a span cannot be stored, or '' when it can. Ids arrive as lowercase hex with their byte
 * length separately, so a wrong-length id is reported by its length (-1: not hex at all).
 */
export function spanRejection(traceId: string, traceIdBytes: number, spanId: string, spanIdBytes: number, name: string): string {
  if (traceIdBytes !== 16) return idProblem('trace id', traceIdBytes, 16)
  if (traceId === ZERO_TRACE_ID) return 'trace id is all zeros'
  if (spanIdBytes !== 8) return idProblem('span id', spanIdBytes, 8)
  if (spanId === ZERO_SPAN_ID) return 'span id is all zeros'
  if (name === '') return 'span name is empty'
  return ''
}

/** Sets an attribute, even one named `__proto__`, which plain assignment would swallow. */
export function setAttribute(attributes: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true })
  else attributes[key] = value
}

function idProblem(what: string, bytes: number, want: number): string {
  if (bytes === 0) return `${what} is missing`
  if (bytes < 0) return `${what} is not hex`
  return `${what} is ${bytes} bytes, want ${want}`
}

function atLeast(floor: number, value: number): number {
  return Number.isFinite(value) ? Math.max(floor, Math.floor(value)) : value > 0 ? Number.MAX_SAFE_INTEGER : floor
}
