/** OTLP/HTTP trace decoding and response encoding: pure functions over bytes and text, no I/O. */
/** Decodes an OTLP ExportTraceServiceRequest, either encoding, into span records, or says why it cannot. */
export { decodeTraces } from './decode-traces.ts'
export type { OtlpEncoding } from './decode-traces.ts'
/** The per-span limits a receiver applies unless configured otherwise. */
export { DEFAULT_DECODE_LIMITS, SPAN_REJECTION_REASONS } from './span-validation.ts'
/** Per-span limits, and a decoded request: its spans with their rejections and truncation counts. */
export type { DecodeLimits, DecodedTraces, RejectionReason, SpanRejection } from './span-validation.ts'
/** The window of start times a receiver stores, applied after decoding. */
export { admitSpans, DEFAULT_MAX_AHEAD_MS } from './span-admission.ts'
export type { SpanTimeWindow } from './span-admission.ts'
/** ExportTraceServiceResponse (200) and google.rpc.Status (4xx, 5xx) bodies in protobuf and JSON. */
export {
  encodeExportResponseJson,
  encodeExportResponseProtobuf,
  encodeRetryStatusProtobuf,
  encodeStatusJson,
  encodeStatusProtobuf,
} from './encode-response.ts'
export type { OtlpSignal } from './encode-response.ts'
/** Decodes an OTLP ExportLogsServiceRequest, either encoding, into log records, and admits them to the stored window. */
export { admitLogs, decodeLogs } from './decode-logs.ts'
export { LOG_REJECTION_REASONS } from './log-validation.ts'
export type { DecodedLogs, LogRejectionReason } from './log-validation.ts'
