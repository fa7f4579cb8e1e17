/**
 * What both decoders do once a span is read: reject spans the store cannot key (bad ids, no
 * name) one by one instead of failing the request, as OTLP's partial success allows, and cut
 * what is over a limit instead of refusing it, so one noisy instrumentation cannot stop a batch.
 */
import type { Attributes, SpanRecord } from '../../core/index.ts'
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

/** Why a span was refused, as a closed set: the metrics label and the rejections list use it. */
export const SPAN_REJECTION_REASONS = [
  'invalid_trace_id',
  'invalid_span_id',
  'empty_name',
  'start_time_missing',
  'start_time_too_old',
  'start_time_in_future',
] as const
export type RejectionReason = (typeof SPAN_REJECTION_REASONS)[number]

/** One refused span, as much of it as identifies it to the person who sent it. */
export interface SpanRejection {
  readonly reason: RejectionReason
  /** What was wrong, in words. */
  readonly detail: string
  /** Where the span sat in the request: `resourceSpans[0].scopeSpans[1].spans[7]`. */
  readonly where: string
  readonly traceId: string
  readonly spanId: string
  readonly name: string
  readonly service: string
}

/** The outcome of decoding one export request. */
export interface DecodedTraces {
  /** The spans that passed validation, in request order. */
  spans: SpanRecord[]
  rejectedSpans: number
  /** Why the first rejected span was rejected; empty when none was. */
  rejectionMessage: string
  /** The first rejections of the request, at most MAX_REJECTION_SAMPLES, for the rejections list. */
  rejections: SpanRejection[]
  /** Rejected spans by reason; sums to `rejectedSpans`. */
  rejectedByReason: Partial<Record<RejectionReason, number>>
  /** Values cut plus attributes, events, links and nested values dropped over a limit. */
  truncated: number
  /**
   * Characters of resource attributes repeated onto the kept spans: each stored row carries its
   * resource, so this is what a request grows by between its body and its rows.
   */
  resourceCopyChars: number
}

/** Rejections of one request kept in detail; the rest are counted. */
const MAX_REJECTION_SAMPLES = 20

// Nesting is recursion in the decoders; this keeps a misconfigured limit from exhausting the stack.
const DEPTH_CEILING = 64

/** The value limits of one request and what was cut to them: what the attribute readers need, for any signal. */
export class ValueTally {
  truncated = 0
  /**
   * Characters of resource attributes repeated onto the kept rows: each stored row carries its
   * resource, so this is what a request grows by between its body and its rows.
   */
  resourceCopyChars = 0
  readonly maxAttributes: number
  readonly maxValueLength: number
  /** UTF-8 bytes enough for `maxValueLength` characters: at most 3 per UTF-16 unit, plus 3 for a character split at the edge. */
  readonly maxValueBytes: number
  readonly maxDepth: number

  constructor(limits: DecodeLimits) {
    this.maxAttributes = atLeast(0, limits.maxAttributesPerSpan)
    this.maxValueLength = atLeast(0, limits.maxAttributeValueLength)
    this.maxValueBytes = this.maxValueLength * 3 + 3
    this.maxDepth = Math.min(DEPTH_CEILING, atLeast(1, limits.maxArrayDepth))
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

  /** Counts the resource copies a block's kept rows will carry. */
  copyResource(resource: Attributes, rows: number): void {
    if (rows === 0) return
    let chars = 0
    for (const key in resource) chars += key.length + resource[key]!.length + 8
    this.resourceCopyChars += chars * rows
  }
}

/** Collects the spans of one request with their rejections and truncations. */
export class DecodeTally extends ValueTally {
  readonly spans: SpanRecord[] = []
  rejectedSpans = 0
  rejectionMessage = ''
  readonly rejections: SpanRejection[] = []
  readonly rejectedByReason: Partial<Record<RejectionReason, number>> = {}
  readonly maxEvents: number
  readonly maxLinks: number

  constructor(limits: DecodeLimits) {
    super(limits)
    this.maxEvents = atLeast(0, limits.maxEventsPerSpan)
    this.maxLinks = atLeast(0, limits.maxLinksPerSpan)
  }

  /** Keeps a span, or counts it as rejected when there is a problem. */
  accept(span: SpanRecord, problem: SpanProblem | undefined, resourceIndex: number, scopeIndex: number, spanIndex: number): void {
    if (problem === undefined) {
      this.spans.push(span)
      return
    }
    this.reject(span, problem, `resourceSpans[${resourceIndex}].scopeSpans[${scopeIndex}].spans[${spanIndex}]`)
  }

  /** Counts a span as rejected, keeping the first few in detail. */
  reject(span: SpanRecord, problem: SpanProblem, where: string): void {
    if (this.rejectedSpans++ === 0) this.rejectionMessage = `span ${where} rejected: ${problem.detail}`
    this.rejectedByReason[problem.reason] = (this.rejectedByReason[problem.reason] ?? 0) + 1
    if (this.rejections.length < MAX_REJECTION_SAMPLES) {
      this.rejections.push({
        ...problem,
        where,
        traceId: span.traceId,
        spanId: span.spanId,
        name: span.name,
        service: span.resource['service.name'] ?? '',
      })
    }
  }

  /** The request's result. */
  result(): DecodedTraces {
    return {
      spans: this.spans,
      rejectedSpans: this.rejectedSpans,
      rejectionMessage: this.rejectionMessage,
      rejections: this.rejections,
      rejectedByReason: this.rejectedByReason,
      truncated: this.truncated,
      resourceCopyChars: this.resourceCopyChars,
    }
  }
}

/** A reason to refuse a span and its words. */
export interface SpanProblem {
  readonly reason: RejectionReason
  readonly detail: string
}

/**
 * Why a span cannot be stored, or undefined when it can. Ids arrive as lowercase hex with their
 * byte length separately, so a wrong-length id is reported by its length (-1: not hex at all).
 */
export function spanRejection(
  traceId: string,
  traceIdBytes: number,
  spanId: string,
  spanIdBytes: number,
  name: string,
): SpanProblem | undefined {
  if (traceIdBytes !== 16) return { reason: 'invalid_trace_id', detail: idProblem('trace id', traceIdBytes, 16) }
  if (traceId === ZERO_TRACE_ID) return { reason: 'invalid_trace_id', detail: 'trace id is all zeros' }
  if (spanIdBytes !== 8) return { reason: 'invalid_span_id', detail: idProblem('span id', spanIdBytes, 8) }
  if (spanId === ZERO_SPAN_ID) return { reason: 'invalid_span_id', detail: 'span id is all zeros' }
  if (name === '') return { reason: 'empty_name', detail: 'span name is empty' }
  return undefined
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
