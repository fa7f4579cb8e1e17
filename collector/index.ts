/** The OTLP/HTTP receiver: keys, limits, decoding, the hand-off of spans to a sink, and the durable spool. */
export { createReceiverApp } from './receiver/receiver-app.ts'
export type { ReceiverDeps } from './receiver/receiver-app.ts'
export type { SinkResult, SpanSink } from './receiver/span-sink.ts'
export { DEFAULT_DECODE_LIMITS, DecodeError, decodeJsonTraces, decodeProtobufTraces } from './otlp/index.ts'
export type { DecodeLimits, DecodedTraces } from './otlp/index.ts'
export { openSpool } from './spool/index.ts'
export type { AppendResult, BatchHandler, Spool, SpoolBatch, SpoolEvent, SpoolFile, SpoolIo, SpoolOptions, SpoolRecord } from './spool/index.ts'
