/** The OTLP/HTTP and OTLP/gRPC receivers: keys, limits, decoding, the hand-off of spans to a sink, and the durable spool. */
export { createReceiverApp } from './receiver/receiver-app.ts'
export { createTraceExport } from './receiver/trace-export.ts'
export type { TraceExport } from './receiver/trace-export.ts'
export { createLogExport } from './receiver/log-export.ts'
export type { LogExport, LogExportDeps } from './receiver/log-export.ts'
export { listenGrpc } from './receiver/grpc-receiver.ts'
export type { GrpcReceiver } from './receiver/grpc-receiver.ts'
export type { ReceiverDeps } from './receiver/receiver-app.ts'
export type { SpanSink } from './receiver/span-sink.ts'
export type { LogSink } from './receiver/log-sink.ts'
export { busy, DURABLE } from './acceptance.ts'
export type { Acceptance, Busy } from './acceptance.ts'
export { DEFAULT_DECODE_LIMITS, DEFAULT_MAX_AHEAD_MS, decodeTraces } from './otlp/index.ts'
export type { DecodeLimits, DecodedTraces, OtlpEncoding } from './otlp/index.ts'
export { openSpool } from './spool/index.ts'
export type {
  BatchHandler,
  DamageHandler,
  Spool,
  SpoolBatch,
  SpoolDamage,
  SpoolEvent,
  SpoolFile,
  SpoolIo,
  SpoolOptions,
  SpoolRecord,
} from './spool/index.ts'
export { openQuarantine } from './quarantine/quarantine-store.ts'
export type { QuarantineStore, ReplayOutcome, ReplayStorage } from './quarantine/quarantine-store.ts'
export { quarantinedSpan } from './quarantine/quarantine-entry.ts'
export type { QuarantineEntry, QuarantinedFormat, QuarantinedSpan } from './quarantine/quarantine-entry.ts'
export type { QuarantineListing } from './quarantine/quarantine-summary.ts'
export { RejectionLog } from './receiver/rejection-log.ts'
export type { LoggedRejection } from './receiver/rejection-log.ts'
