/**
 * OTLP/HTTP JSON trace decoding, per the OTLP specification's JSON mapping: hex ids, enums as
 * numbers or names, int64 as strings or numbers, unknown fields ignored. It yields exactly the
 * span records the protobuf decoder yields for the same request.
 */
import type { Attributes, SpanEvent, SpanLink, SpanRecord } from '../../core/index.ts'
import { DecodeError } from './protobuf-reader.ts'
import { idBytes, isJsonObject, jsonArray, jsonField, jsonString, nanos, readJsonAttributes } from './attributes-json.ts'
import type { JsonObject } from './attributes-json.ts'
import { enumNumber, spanKindOf, statusCodeOf, ZERO_SPAN_ID } from './otlp-values.ts'
import { DEFAULT_DECODE_LIMITS, DecodeTally, spanRejection } from './span-validation.ts'
import type { DecodeLimits, DecodedTraces } from './span-validation.ts'

/** Decodes an OTLP/JSON ExportTraceServiceRequest; throws DecodeError on malformed JSON or a wrong top-level shape. */
export function decodeJsonTraces(text: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): DecodedTraces {
  let request: unknown
  try {
    request = JSON.parse(text)
  } catch (error) {
    throw new DecodeError(`malformed JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isJsonObject(request)) throw new DecodeError('an OTLP/JSON trace request must be a JSON object')
  const resourceSpans = jsonField(request, 'resourceSpans', 'resource_spans')
  if (resourceSpans !== undefined && resourceSpans !== null && !Array.isArray(resourceSpans)) {
    throw new DecodeError('resourceSpans must be an array')
  }
  const tally = new DecodeTally(limits)
  const blocks: readonly unknown[] = Array.isArray(resourceSpans) ? resourceSpans : []
  for (let resourceIndex = 0; resourceIndex < blocks.length; resourceIndex++) {
    const block = blocks[resourceIndex]
    if (isJsonObject(block)) readResourceSpans(block, tally, resourceIndex)
  }
  return tally.result()
}

function readResourceSpans(block: JsonObject, tally: DecodeTally, resourceIndex: number): void {
  const resource: Attributes = {}
  const resourceMessage = block.resource
  if (isJsonObject(resourceMessage)) readJsonAttributes(resourceMessage.attributes, tally, resource)
  const scopes = jsonArray(block, 'scopeSpans', 'scope_spans')
  const firstSpan = tally.spans.length
  for (let scopeIndex = 0; scopeIndex < scopes.length; scopeIndex++) {
    const scopeSpans = scopes[scopeIndex]
    if (!isJsonObject(scopeSpans)) continue
    const scope = scopeSpans.scope
    const scopeName = isJsonObject(scope) ? jsonString(scope, 'name', 'name', tally) : ''
    const scopeVersion = isJsonObject(scope) ? jsonString(scope, 'version', 'version', tally) : ''
    const spans = jsonArray(scopeSpans, 'spans', 'spans')
    for (let spanIndex = 0; spanIndex < spans.length; spanIndex++) {
      const span = spans[spanIndex]
      if (isJsonObject(span)) readSpan(span, tally, resource, scopeName, scopeVersion, resourceIndex, scopeIndex, spanIndex)
    }
  }
  tally.copyResource(resource, tally.spans.length - firstSpan)
}

function readSpan(
  span: JsonObject,
  tally: DecodeTally,
  resource: Attributes,
  scopeName: string,
  scopeVersion: string,
  resourceIndex: number,
  scopeIndex: number,
  spanIndex: number,
): void {
  const rawTraceId = jsonField(span, 'traceId', 'trace_id')
  const rawSpanId = jsonField(span, 'spanId', 'span_id')
  const traceIdBytes = idBytes(rawTraceId)
  const spanIdBytes = idBytes(rawSpanId)
  const traceId = traceIdBytes === 16 ? (rawTraceId as string).toLowerCase() : ''
  const spanId = spanIdBytes === 8 ? (rawSpanId as string).toLowerCase() : ''
  const name = jsonString(span, 'name', 'name', tally)
  const attributes: Attributes = {}
  readJsonAttributes(span.attributes, tally, attributes)
  const status = span.status
  const record: SpanRecord = {
    traceId,
    spanId,
    parentSpanId: spanIdOrEmpty(jsonField(span, 'parentSpanId', 'parent_span_id')),
    traceState: jsonString(span, 'traceState', 'trace_state', tally),
    name,
    kind: spanKindOf(enumNumber(span.kind, 'kind')),
    startTimeUnixNano: nanos(jsonField(span, 'startTimeUnixNano', 'start_time_unix_nano')),
    endTimeUnixNano: nanos(jsonField(span, 'endTimeUnixNano', 'end_time_unix_nano')),
    attributes,
    events: readEvents(jsonArray(span, 'events', 'events'), tally),
    links: readLinks(jsonArray(span, 'links', 'links'), tally),
    statusCode: statusCodeOf(isJsonObject(status) ? enumNumber(status.code, 'status') : 0),
    statusMessage: isJsonObject(status) ? jsonString(status, 'message', 'message', tally) : '',
    resource,
    scopeName,
    scopeVersion,
  }
  tally.accept(record, spanRejection(traceId, traceIdBytes, spanId, spanIdBytes, name), resourceIndex, scopeIndex, spanIndex)
}

function readEvents(list: readonly unknown[], tally: DecodeTally): SpanEvent[] {
  const kept = Math.min(list.length, tally.maxEvents)
  tally.truncated += list.length - kept
  const events: SpanEvent[] = []
  for (let i = 0; i < kept; i++) {
    const event = list[i]
    if (!isJsonObject(event)) continue
    const attributes: Attributes = {}
    readJsonAttributes(event.attributes, tally, attributes)
    events.push({
      timeUnixNano: nanos(jsonField(event, 'timeUnixNano', 'time_unix_nano')),
      name: jsonString(event, 'name', 'name', tally),
      attributes,
    })
  }
  return events
}

function readLinks(list: readonly unknown[], tally: DecodeTally): SpanLink[] {
  const kept = Math.min(list.length, tally.maxLinks)
  tally.truncated += list.length - kept
  const links: SpanLink[] = []
  for (let i = 0; i < kept; i++) {
    const link = list[i]
    if (!isJsonObject(link)) continue
    const rawTraceId = jsonField(link, 'traceId', 'trace_id')
    const attributes: Attributes = {}
    readJsonAttributes(link.attributes, tally, attributes)
    links.push({
      traceId: idBytes(rawTraceId) === 16 ? (rawTraceId as string).toLowerCase() : '',
      spanId: spanIdOrEmpty(jsonField(link, 'spanId', 'span_id')),
      traceState: jsonString(link, 'traceState', 'trace_state', tally),
      attributes,
    })
  }
  return links
}

/** A span id as lowercase hex; a wrong-length or all-zero one (some SDKs' "no parent") reads as empty. */
function spanIdOrEmpty(id: unknown): string {
  if (idBytes(id) !== 8) return ''
  const hex = (id as string).toLowerCase()
  return hex === ZERO_SPAN_ID ? '' : hex
}
