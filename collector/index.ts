/** The OTLP/HTTP receiver: keys, limits, decoding, and the hand-off of spans to a sink. */
export { createReceiverApp } from './receiver/receiver-app.ts'
export type { ReceiverDeps } from './receiver/receiver-app.ts'
export type { SinkResult, SpanSink } from './receiver/span-sink.ts'
export { DEFAULT_DECODE_LIMITS, DecodeError, decodeJsonTraces, decodeProtobufTraces } from './otlp/index.ts'
export type { DecodeLimits, DecodedTraces } from './otlp/index.ts'
