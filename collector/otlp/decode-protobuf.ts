/**
 * OTLP/HTTP protobuf trace decoding: an ExportTraceServiceRequest straight to span records.
 * It reads the wire format in one pass with plain locals and no per-field objects or closures,
 * and never builds the intermediate message tree a generated protobufjs decoder would.
 */
import type { Attributes, SpanEvent, SpanLink, SpanRecord } from '../../core/index.ts'
import type { ProtobufReader } from './protobuf-reader.ts'
import { WireType } from './protobuf-reader.ts'
import { forEachResourceBlock, readAttribute, readCappedString, readResourceAttributes } from './attributes-protobuf.ts'
import { hex16, hex8, spanKindOf, statusCodeOf, ZERO_SPAN_ID } from './otlp-values.ts'
import { DEFAULT_DECODE_LIMITS, DecodeTally, spanRejection } from './span-validation.ts'
import type { DecodeLimits, DecodedTraces } from './span-validation.ts'

const LEN = WireType.lengthDelimited
const VARINT = WireType.varint
const FIXED64 = WireType.fixed64
// Tags are (field number << 3) | wire type; a known field with the wrong wire type is skipped.
const FIELD_1 = (1 << 3) | LEN
const FIELD_2 = (2 << 3) | LEN
const FIELD_3 = (3 << 3) | LEN
const FIELD_4 = (4 << 3) | LEN
const SPAN_NAME = (5 << 3) | LEN
const SPAN_KIND = (6 << 3) | VARINT
const SPAN_START = (7 << 3) | FIXED64
const SPAN_END = (8 << 3) | FIXED64
const SPAN_ATTRIBUTE = (9 << 3) | LEN
const SPAN_EVENT = (11 << 3) | LEN
const SPAN_LINK = (13 << 3) | LEN
const SPAN_STATUS = (15 << 3) | LEN
const EVENT_TIME = (1 << 3) | FIXED64
const STATUS_CODE = (3 << 3) | VARINT

const NO_EVENTS: readonly SpanEvent[] = Object.freeze([])
const NO_LINKS: readonly SpanLink[] = Object.freeze([])

/** Decodes an OTLP/protobuf ExportTraceServiceRequest; throws DecodeError on malformed bytes. */
export function decodeProtobufTraces(bytes: Uint8Array, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): DecodedTraces {
  const tally = new DecodeTally(limits)
  forEachResourceBlock(bytes, (r, resourceIndex) => readResourceSpans(r, tally, resourceIndex))
  return tally.result()
}

function readResourceSpans(r: ProtobufReader, tally: DecodeTally, resourceIndex: number): void {
  const outer = r.enter()
  // One object for every span of the block; filled in place, so a resource sent after its spans still lands.
  const resource: Attributes = {}
  let resourceKept = 0
  let scopeIndex = 0
  const firstSpan = tally.spans.length
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === FIELD_1) resourceKept = readResourceAttributes(r, tally, resource, resourceKept)
    else if (tag === FIELD_2) readScopeSpans(r, tally, resource, resourceIndex, scopeIndex++)
    else r.skip(tag & 7)
  }
  r.leave(outer)
  tally.copyResource(resource, tally.spans.length - firstSpan)
}

function readScopeSpans(r: ProtobufReader, tally: DecodeTally, resource: Attributes, resourceIndex: number, scopeIndex: number): void {
  const outer = r.enter()
  const firstSpan = tally.spans.length
  let scopeName = ''
  let scopeVersion = ''
  let spanIndex = 0
  let scopeAfterSpans = false
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === FIELD_2) {
      readSpan(r, tally, resource, scopeName, scopeVersion, resourceIndex, scopeIndex, spanIndex++)
    } else if (tag === FIELD_1) {
      const scopeOuter = r.enter()
      while (r.pos < r.limit) {
        const scopeTag = r.tag()
        if (scopeTag === FIELD_1) scopeName = readCappedString(r, tally)
        else if (scopeTag === FIELD_2) scopeVersion = readCappedString(r, tally)
        else r.skip(scopeTag & 7)
      }
      r.leave(scopeOuter)
      scopeAfterSpans = spanIndex > 0
    } else r.skip(tag & 7)
  }
  r.leave(outer)
  if (scopeAfterSpans) {
    // Encoders write the scope first; this keeps a reordered message correct at no cost to the usual one.
    const spans = tally.spans as { scopeName: string; scopeVersion: string }[]
    for (let i = firstSpan; i < spans.length; i++) {
      spans[i]!.scopeName = scopeName
      spans[i]!.scopeVersion = scopeVersion
    }
  }
}

// Validation and limits are applied as fields arrive so a rejected span costs no extra pass.
function readSpan(
  r: ProtobufReader,
  tally: DecodeTally,
  resource: Attributes,
  scopeName: string,
  scopeVersion: string,
  resourceIndex: number,
  scopeIndex: number,
  spanIndex: number,
): void {
  const outer = r.enter()
  const buf = r.buf
  let traceId = ''
  let traceIdBytes = 0
  let spanId = ''
  let spanIdBytes = 0
  let parentSpanId = ''
  let traceState = ''
  let name = ''
  let kind = 0
  let startTimeUnixNano = 0n
  let endTimeUnixNano = 0n
  const attributes: Attributes = {}
  let attributesKept = 0
  let events: SpanEvent[] | undefined
  let links: SpanLink[] | undefined
  let statusCode = 0
  let statusMessage = ''
  while (r.pos < r.limit) {
    const tag = r.tag()
    switch (tag) {
      case FIELD_1:
        traceIdBytes = r.length()
        traceId = traceIdBytes === 16 ? hex16(buf, r.pos) : ''
        r.pos += traceIdBytes
        break
      case FIELD_2:
        spanIdBytes = r.length()
        spanId = spanIdBytes === 8 ? hex8(buf, r.pos) : ''
        r.pos += spanIdBytes
        break
      case FIELD_3:
        traceState = readCappedString(r, tally)
        break
      case FIELD_4:
        parentSpanId = readSpanIdOrEmpty(r)
        break
      case SPAN_NAME:
        name = readCappedString(r, tally)
        break
      case SPAN_KIND:
        kind = r.varint()
        break
      case SPAN_START:
        startTimeUnixNano = r.fixed64()
        break
      case SPAN_END:
        endTimeUnixNano = r.fixed64()
        break
      case SPAN_ATTRIBUTE:
        attributesKept = readAttribute(r, tally, attributes, attributesKept)
        break
      case SPAN_EVENT:
        events ??= []
        if (events.length < tally.maxEvents) events.push(readEvent(r, tally))
        else dropField(r, tally)
        break
      case SPAN_LINK:
        links ??= []
        if (links.length < tally.maxLinks) links.push(readLink(r, tally))
        else dropField(r, tally)
        break
      case SPAN_STATUS: {
        const statusOuter = r.enter()
        while (r.pos < r.limit) {
          const statusTag = r.tag()
          if (statusTag === FIELD_2) statusMessage = readCappedString(r, tally)
          else if (statusTag === STATUS_CODE) statusCode = r.varint()
          else r.skip(statusTag & 7)
        }
        r.leave(statusOuter)
        break
      }
      default:
        r.skip(tag & 7)
    }
  }
  r.leave(outer)
  const span: SpanRecord = {
    traceId,
    spanId,
    parentSpanId,
    traceState,
    name,
    kind: spanKindOf(kind),
    startTimeUnixNano,
    endTimeUnixNano,
    attributes,
    events: events ?? NO_EVENTS,
    links: links ?? NO_LINKS,
    statusCode: statusCodeOf(statusCode),
    statusMessage,
    resource,
    scopeName,
    scopeVersion,
  }
  tally.accept(span, spanRejection(traceId, traceIdBytes, spanId, spanIdBytes, name), resourceIndex, scopeIndex, spanIndex)
}

function readEvent(r: ProtobufReader, tally: DecodeTally): SpanEvent {
  const outer = r.enter()
  let timeUnixNano = 0n
  let name = ''
  const attributes: Attributes = {}
  let kept = 0
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === EVENT_TIME) timeUnixNano = r.fixed64()
    else if (tag === FIELD_2) name = readCappedString(r, tally)
    else if (tag === FIELD_3) kept = readAttribute(r, tally, attributes, kept)
    else r.skip(tag & 7)
  }
  r.leave(outer)
  return { timeUnixNano, name, attributes }
}

function readLink(r: ProtobufReader, tally: DecodeTally): SpanLink {
  const outer = r.enter()
  let traceId = ''
  let spanId = ''
  let traceState = ''
  const attributes: Attributes = {}
  let kept = 0
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === FIELD_1) {
      const len = r.length()
      traceId = len === 16 ? hex16(r.buf, r.pos) : ''
      r.pos += len
    } else if (tag === FIELD_2) spanId = readSpanIdOrEmpty(r)
    else if (tag === FIELD_3) traceState = readCappedString(r, tally)
    else if (tag === FIELD_4) kept = readAttribute(r, tally, attributes, kept)
    else r.skip(tag & 7)
  }
  r.leave(outer)
  return { traceId, spanId, traceState, attributes }
}

/** A span id as hex; a wrong-length or all-zero one (some SDKs' "no parent") reads as empty. */
function readSpanIdOrEmpty(r: ProtobufReader): string {
  const len = r.length()
  const hex = len === 8 ? hex8(r.buf, r.pos) : ''
  r.pos += len
  return hex === ZERO_SPAN_ID ? '' : hex
}

function dropField(r: ProtobufReader, tally: DecodeTally): void {
  r.skipLengthDelimited()
  tally.truncated++
}
