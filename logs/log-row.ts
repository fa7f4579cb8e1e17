/**
 * Maps a decoded log record to the row the logs table stores, with the same retail columns a
 * span row has (system, stage, business keys), so a line an ERP batch job writes is found and
 * counted like a span. Pure.
 */
import type { Attributes, LogRecord } from '../core/index.ts'
import { RetailAttribute, RetailContext } from '@throughline/sdk/conventions'
import { nanosToDateTime64, type KeyRecogniser, type SpanStageNamer } from '../spans/index.ts'

/** One row of the logs table. */
export interface LogRow {
  readonly Tenant: string
  readonly Timestamp: string
  readonly ObservedTimestamp: string
  readonly TraceId: string
  readonly SpanId: string
  /** The record's own id: its request's content and its place in it, so a retried request stores each record once. */
  readonly LogId: string
  readonly SeverityNumber: number
  readonly SeverityText: string
  readonly ServiceName: string
  readonly Body: string
  readonly EventName: string
  readonly ResourceAttributes: Attributes
  readonly ScopeName: string
  readonly ScopeVersion: string
  readonly LogAttributes: Attributes
  readonly RetailSystem: string
  readonly Stage: string
  readonly BusinessKeys: Attributes
}

/** The id of the record at `index` of the request whose content hashes to `requestId`. */
export function logIdOf(requestId: string, index: number): string {
  return `${requestId.slice(0, 24)}${index.toString(16).padStart(8, '0')}`
}

/**
 * The row for one record of a tenant's request. A stage comes from `retail.journey.stage`, or
 * from a `match` rule naming the service and attributes (and the event name as the span name).
 */
export function toLogRow(tenant: string, record: LogRecord, logId: string, keys: KeyRecogniser, stages?: SpanStageNamer): LogRow {
  const attributes = keys.normalise(record.attributes)
  const service = record.resource['service.name'] ?? 'unknown_service'
  return {
    Tenant: tenant,
    Timestamp: nanosToDateTime64(record.timeUnixNano),
    ObservedTimestamp: nanosToDateTime64(record.observedTimeUnixNano === 0n ? record.timeUnixNano : record.observedTimeUnixNano),
    TraceId: record.traceId,
    SpanId: record.spanId,
    LogId: logId,
    SeverityNumber: record.severityNumber,
    SeverityText: record.severityText,
    ServiceName: service,
    Body: record.body,
    EventName: record.eventName,
    ResourceAttributes: record.resource,
    ScopeName: record.scopeName,
    ScopeVersion: record.scopeVersion,
    LogAttributes: attributes,
    RetailSystem: attributes[RetailContext.system] ?? record.resource[RetailContext.system] ?? '',
    Stage: stages ? stages.stageOf({ service, name: record.eventName, attributes }) : (attributes[RetailAttribute.stage] ?? ''),
    BusinessKeys: keys.businessKeys(record, attributes),
  }
}
