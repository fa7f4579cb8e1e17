/**
 * Maps a decoded span to the row the spans table stores. Pure, so it is tested without a
 * database and costs nothing but allocation on the insert path.
 */
import type { Attributes, SpanRecord } from '../core/index.ts'
import { serviceNameOf } from '../core/index.ts'
import { RetailAttribute, RetailContext } from '@throughline/sdk/conventions'
import type { KeyRecogniser } from './business-keys.ts'

/**
 * What names the journey stage a span marks when the span does not say it itself: the journeys'
 * `match` rules, for estates that cannot change their code.
 */
export interface SpanStageNamer {
  /** The stage the span marks, or the empty string. */
  stageOf(span: { readonly service: string; readonly name: string; readonly attributes: Attributes }): string
}

/** One row of the spans table, in JSONEachRow form. */
export interface SpanRow {
  readonly Tenant: string
  readonly Timestamp: string
  readonly TraceId: string
  readonly SpanId: string
  readonly ParentSpanId: string
  readonly TraceState: string
  readonly SpanName: string
  readonly SpanKind: string
  readonly ServiceName: string
  readonly ResourceAttributes: Attributes
  readonly ScopeName: string
  readonly ScopeVersion: string
  readonly SpanAttributes: Attributes
  readonly Duration: string
  readonly StatusCode: string
  readonly StatusMessage: string
  readonly 'Events.Timestamp': string[]
  readonly 'Events.Name': string[]
  readonly 'Events.Attributes': Attributes[]
  readonly 'Links.TraceId': string[]
  readonly 'Links.SpanId': string[]
  readonly 'Links.TraceState': string[]
  readonly 'Links.Attributes': Attributes[]
  readonly RetailSystem: string
  readonly Stage: string
  readonly BusinessKeys: Attributes
}

const NANOS_PER_SECOND = 1_000_000_000n

/** Nanoseconds since the epoch as ClickHouse's DateTime64(9) text: `seconds.nanoseconds`. */
export function nanosToDateTime64(nanos: bigint): string {
  const seconds = nanos / NANOS_PER_SECOND
  const fraction = nanos % NANOS_PER_SECOND
  return `${seconds}.${fraction.toString().padStart(9, '0')}`
}

/** The row for one span of a tenant; with a stage recogniser, config match rules set the stage too. */
export function toSpanRow(tenant: string, span: SpanRecord, keys: KeyRecogniser, stages?: SpanStageNamer): SpanRow {
  const attributes = keys.normalise(span.attributes)
  const service = serviceNameOf(span)
  const duration = span.endTimeUnixNano > span.startTimeUnixNano ? span.endTimeUnixNano - span.startTimeUnixNano : 0n
  return {
    Tenant: tenant,
    Timestamp: nanosToDateTime64(span.startTimeUnixNano),
    TraceId: span.traceId,
    SpanId: span.spanId,
    ParentSpanId: span.parentSpanId,
    TraceState: span.traceState,
    SpanName: span.name,
    SpanKind: span.kind,
    ServiceName: service,
    ResourceAttributes: span.resource,
    ScopeName: span.scopeName,
    ScopeVersion: span.scopeVersion,
    SpanAttributes: attributes,
    Duration: duration.toString(),
    StatusCode: span.statusCode,
    StatusMessage: span.statusMessage,
    'Events.Timestamp': span.events.map((event) => nanosToDateTime64(event.timeUnixNano)),
    'Events.Name': span.events.map((event) => event.name),
    'Events.Attributes': span.events.map((event) => event.attributes),
    'Links.TraceId': span.links.map((link) => link.traceId),
    'Links.SpanId': span.links.map((link) => link.spanId),
    'Links.TraceState': span.links.map((link) => link.traceState),
    'Links.Attributes': span.links.map((link) => link.attributes),
    RetailSystem: attributes[RetailContext.system] ?? span.resource[RetailContext.system] ?? '',
    Stage: stages ? stages.stageOf({ service, name: span.name, attributes }) : (attributes[RetailAttribute.stage] ?? ''),
    BusinessKeys: keys.businessKeys(span, attributes),
  }
}
