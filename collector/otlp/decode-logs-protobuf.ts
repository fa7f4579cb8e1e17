/**
 * OTLP protobuf logs decoding: an ExportLogsServiceRequest straight to log records, in one pass
 * like the trace decoder, sharing its readers for attributes and values.
 */
import type { Attributes, LogRecord } from '../../core/index.ts'
import type { ProtobufReader } from './protobuf-reader.ts'
import { WireType } from './protobuf-reader.ts'
import { anyValueText, forEachResourceBlock, readAttribute, readCappedString, readResourceAttributes } from './attributes-protobuf.ts'
import { hex16, hex8 } from './otlp-values.ts'
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './span-validation.ts'
import { contextId, logContextProblem, LogTally, type DecodedLogs } from './log-validation.ts'

const LEN = WireType.lengthDelimited
const FIELD_1 = (1 << 3) | LEN
const FIELD_2 = (2 << 3) | LEN
// LogRecord's fields (opentelemetry/proto/logs/v1/logs.proto).
const TIME = (1 << 3) | WireType.fixed64
const SEVERITY_NUMBER = (2 << 3) | WireType.varint
const SEVERITY_TEXT = (3 << 3) | LEN
const BODY = (5 << 3) | LEN
const ATTRIBUTE = (6 << 3) | LEN
const TRACE_ID = (9 << 3) | LEN
const SPAN_ID = (10 << 3) | LEN
const OBSERVED_TIME = (11 << 3) | WireType.fixed64
const EVENT_NAME = (12 << 3) | LEN

/** Decodes an OTLP/protobuf ExportLogsServiceRequest; throws DecodeError on malformed bytes. */
export function decodeProtobufLogs(bytes: Uint8Array, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): DecodedLogs {
  const tally = new LogTally(limits)
  forEachResourceBlock(bytes, (r, resourceIndex) => readResourceLogs(r, tally, resourceIndex))
  return tally.result()
}

function readResourceLogs(r: ProtobufReader, tally: LogTally, resourceIndex: number): void {
  const outer = r.enter()
  // Filled in place, so a resource sent after its records still lands on them.
  const resource: Attributes = {}
  let kept = 0
  let scopeIndex = 0
  const first = tally.records.length
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === FIELD_1) kept = readResourceAttributes(r, tally, resource, kept)
    else if (tag === FIELD_2) readScopeLogs(r, tally, resource, `resourceLogs[${resourceIndex}].scopeLogs[${scopeIndex++}]`)
    else r.skip(tag & 7)
  }
  r.leave(outer)
  tally.copyResource(resource, tally.records.length - first)
}

function readScopeLogs(r: ProtobufReader, tally: LogTally, resource: Attributes, where: string): void {
  const outer = r.enter()
  const first = tally.records.length
  let scopeName = ''
  let scopeVersion = ''
  let recordIndex = 0
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === FIELD_2) readLogRecord(r, tally, resource, scopeName, scopeVersion, `${where}.logRecords[${recordIndex++}]`)
    else if (tag === FIELD_1) {
      const scopeOuter = r.enter()
      while (r.pos < r.limit) {
        const scopeTag = r.tag()
        if (scopeTag === FIELD_1) scopeName = readCappedString(r, tally)
        else if (scopeTag === FIELD_2) scopeVersion = readCappedString(r, tally)
        else r.skip(scopeTag & 7)
      }
      r.leave(scopeOuter)
      // Encoders write the scope first; a reordered message still gets it on every record.
      const records = tally.records as { scopeName: string; scopeVersion: string }[]
      for (let i = first; i < records.length; i++) {
        records[i]!.scopeName = scopeName
        records[i]!.scopeVersion = scopeVersion
      }
    } else r.skip(tag & 7)
  }
  r.leave(outer)
}

function readLogRecord(
  r: ProtobufReader,
  tally: LogTally,
  resource: Attributes,
  scopeName: string,
  scopeVersion: string,
  where: string,
): void {
  const outer = r.enter()
  let timeUnixNano = 0n
  let observedTimeUnixNano = 0n
  let severityNumber = 0
  let severityText = ''
  let body = ''
  let eventName = ''
  const attributes: Attributes = {}
  let kept = 0
  let traceId = ''
  let traceIdBytes = 0
  let spanId = ''
  let spanIdBytes = 0
  while (r.pos < r.limit) {
    const tag = r.tag()
    switch (tag) {
      case TIME:
        timeUnixNano = r.fixed64()
        break
      case OBSERVED_TIME:
        observedTimeUnixNano = r.fixed64()
        break
      case SEVERITY_NUMBER:
        severityNumber = r.varint()
        break
      case SEVERITY_TEXT:
        severityText = readCappedString(r, tally)
        break
      case BODY:
        body = anyValueText(r, tally)
        break
      case ATTRIBUTE:
        kept = readAttribute(r, tally, attributes, kept)
        break
      case TRACE_ID:
        traceIdBytes = r.length()
        traceId = traceIdBytes === 16 ? hex16(r.buf, r.pos) : ''
        r.pos += traceIdBytes
        break
      case SPAN_ID:
        spanIdBytes = r.length()
        spanId = spanIdBytes === 8 ? hex8(r.buf, r.pos) : ''
        r.pos += spanIdBytes
        break
      case EVENT_NAME:
        eventName = readCappedString(r, tally)
        break
      default:
        r.skip(tag & 7)
    }
  }
  r.leave(outer)
  const problem = logContextProblem(traceId, traceIdBytes, spanId, spanIdBytes)
  const record: LogRecord = {
    timeUnixNano: timeUnixNano === 0n ? observedTimeUnixNano : timeUnixNano,
    observedTimeUnixNano,
    traceId: contextId(traceId),
    spanId: contextId(traceId) === '' ? '' : contextId(spanId),
    severityNumber: severityNumber >= 0 && severityNumber <= 24 ? severityNumber : 0,
    severityText,
    body,
    eventName,
    attributes,
    resource,
    scopeName,
    scopeVersion,
  }
  tally.accept(record, problem, where)
}
