/**
 * OTLP/JSON logs decoding, per the specification's JSON mapping: hex ids, severity as a number or
 * its enum name, int64 as strings or numbers, unknown fields ignored. It yields exactly the records
 * the protobuf decoder yields for the same request.
 */
import type { Attributes, LogRecord } from '../../core/index.ts'
import { DecodeError } from './protobuf-reader.ts'
import { anyValueText, idBytes, isJsonObject, jsonArray, jsonField, jsonString, nanos, readJsonAttributes } from './attributes-json.ts'
import type { JsonObject } from './attributes-json.ts'
import { wellFormed } from './well-formed-text.ts'
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './span-validation.ts'
import { contextId, logContextProblem, LogTally, type DecodedLogs } from './log-validation.ts'

const SEVERITY_NAMES = new Map(
  ['UNSPECIFIED', 'TRACE', 'TRACE2', 'TRACE3', 'TRACE4', 'DEBUG', 'DEBUG2', 'DEBUG3', 'DEBUG4', 'INFO', 'INFO2', 'INFO3', 'INFO4']
    .concat(['WARN', 'WARN2', 'WARN3', 'WARN4', 'ERROR', 'ERROR2', 'ERROR3', 'ERROR4', 'FATAL', 'FATAL2', 'FATAL3', 'FATAL4'])
    .map((name, number) => [`SEVERITY_NUMBER_${name}`, number]),
)

/** Decodes an OTLP/JSON ExportLogsServiceRequest; throws DecodeError on malformed JSON or a wrong top-level shape. */
export function decodeJsonLogs(text: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): DecodedLogs {
  let request: unknown
  try {
    request = JSON.parse(text)
  } catch (error) {
    throw new DecodeError(`malformed JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isJsonObject(request)) throw new DecodeError('an OTLP/JSON logs request must be a JSON object')
  const resourceLogs = jsonField(request, 'resourceLogs', 'resource_logs')
  if (resourceLogs !== undefined && resourceLogs !== null && !Array.isArray(resourceLogs))
    throw new DecodeError('resourceLogs must be an array')
  const tally = new LogTally(limits)
  const blocks: readonly unknown[] = Array.isArray(resourceLogs) ? resourceLogs : []
  for (let resourceIndex = 0; resourceIndex < blocks.length; resourceIndex++) {
    const block = blocks[resourceIndex]
    if (isJsonObject(block)) readResourceLogs(block, tally, resourceIndex)
  }
  return tally.result()
}

function readResourceLogs(block: JsonObject, tally: LogTally, resourceIndex: number): void {
  const resource: Attributes = {}
  if (isJsonObject(block.resource)) readJsonAttributes(block.resource.attributes, tally, resource)
  const first = tally.records.length
  const scopes = jsonArray(block, 'scopeLogs', 'scope_logs')
  for (let scopeIndex = 0; scopeIndex < scopes.length; scopeIndex++) {
    const scopeLogs = scopes[scopeIndex]
    if (!isJsonObject(scopeLogs)) continue
    const scope = scopeLogs.scope
    const scopeName = isJsonObject(scope) ? jsonString(scope, 'name', 'name', tally) : ''
    const scopeVersion = isJsonObject(scope) ? jsonString(scope, 'version', 'version', tally) : ''
    const records = jsonArray(scopeLogs, 'logRecords', 'log_records')
    for (let index = 0; index < records.length; index++) {
      const record = records[index]
      if (!isJsonObject(record)) continue
      const where = `resourceLogs[${resourceIndex}].scopeLogs[${scopeIndex}].logRecords[${index}]`
      readLogRecord(record, tally, resource, scopeName, scopeVersion, where)
    }
  }
  tally.copyResource(resource, tally.records.length - first)
}

function readLogRecord(
  json: JsonObject,
  tally: LogTally,
  resource: Attributes,
  scopeName: string,
  scopeVersion: string,
  where: string,
): void {
  const rawTraceId = jsonField(json, 'traceId', 'trace_id')
  const rawSpanId = jsonField(json, 'spanId', 'span_id')
  const traceIdBytes = idBytes(rawTraceId)
  const spanIdBytes = idBytes(rawSpanId)
  const traceId = traceIdBytes === 16 ? (rawTraceId as string).toLowerCase() : ''
  const spanId = spanIdBytes === 8 ? (rawSpanId as string).toLowerCase() : ''
  const attributes: Attributes = {}
  readJsonAttributes(json.attributes, tally, attributes)
  const time = nanos(jsonField(json, 'timeUnixNano', 'time_unix_nano'))
  const observed = nanos(jsonField(json, 'observedTimeUnixNano', 'observed_time_unix_nano'))
  const body = json.body
  const record: LogRecord = {
    timeUnixNano: time === 0n ? observed : time,
    observedTimeUnixNano: observed,
    traceId: contextId(traceId),
    spanId: contextId(traceId) === '' ? '' : contextId(spanId),
    severityNumber: severityOf(jsonField(json, 'severityNumber', 'severity_number')),
    severityText: jsonString(json, 'severityText', 'severity_text', tally),
    body: isJsonObject(body) ? tally.cut(wellFormed(anyValueText(body, tally))) : '',
    eventName: jsonString(json, 'eventName', 'event_name', tally),
    attributes,
    resource,
    scopeName,
    scopeVersion,
  }
  tally.accept(record, logContextProblem(traceId, traceIdBytes, spanId, spanIdBytes), where)
}

function severityOf(value: unknown): number {
  const number = typeof value === 'string' ? (SEVERITY_NAMES.get(value) ?? Number(value)) : value
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 24 ? number : 0
}
