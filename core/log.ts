/**
 * The log record as the platform holds it between decoding and storage: OTLP's model with ids
 * as lowercase hex (empty when the record carries no trace context, as a batch job's lines do),
 * times as nanosecond bigints, and the body and attribute values flattened to strings.
 */
import type { Attributes } from './span.ts'

/** One decoded log record with its resource and scope. */
export interface LogRecord {
  /** When the event happened; the observed time when the sender left it out. */
  readonly timeUnixNano: bigint
  /** When the sender's SDK or agent saw it. */
  readonly observedTimeUnixNano: bigint
  /** Empty when the record has no trace context. */
  readonly traceId: string
  /** Empty when the record has no span context. */
  readonly spanId: string
  /** OTLP severity number, 0 (unspecified) to 24 (fatal4). */
  readonly severityNumber: number
  readonly severityText: string
  /** The body, text as it came; structured bodies as JSON. */
  readonly body: string
  /** The event name of an event record (`retail.stock.counted`), else empty. */
  readonly eventName: string
  readonly attributes: Attributes
  /** Shared by every record of one ResourceLogs block. */
  readonly resource: Attributes
  readonly scopeName: string
  readonly scopeVersion: string
}

/** OTLP severity numbers from which a record reads as an error (ERROR is 17 to 20, FATAL 21 to 24). */
export const ERROR_SEVERITY = 17
