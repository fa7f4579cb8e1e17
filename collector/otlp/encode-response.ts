/**
 * The receiver's answers in both OTLP encodings: ExportTraceServiceResponse for a 200 (with
 * partial_success when spans were rejected) and google.rpc.Status for a 4xx or 5xx, which the
 * OTLP/HTTP specification says error bodies carry.
 */
import { ProtobufWriter } from './protobuf-writer.ts'

/** Whether a response must carry partial_success: some spans rejected, or a warning to pass on. */
function isPartial(rejectedSpans: number, errorMessage: string): boolean {
  return rejectedSpans > 0 || errorMessage !== ''
}

/** ExportTraceServiceResponse as protobuf bytes; empty (fully accepted) when nothing was rejected. */
export function encodeExportResponseProtobuf(rejectedSpans: number, errorMessage: string): Uint8Array {
  if (!isPartial(rejectedSpans, errorMessage)) return new Uint8Array(0)
  const partialSuccess = new ProtobufWriter()
  if (rejectedSpans > 0) partialSuccess.varint(1, rejectedSpans)
  if (errorMessage !== '') partialSuccess.string(2, errorMessage)
  return new ProtobufWriter().message(1, partialSuccess).finish()
}

/** The partial-success field that counts what was refused, in each signal's response. */
const REJECTED_FIELD = { traces: 'rejectedSpans', logs: 'rejectedLogRecords', metrics: 'rejectedDataPoints' } as const

/** The OTLP signals a receiver answers. */
export type OtlpSignal = keyof typeof REJECTED_FIELD

/** An Export*ServiceResponse as OTLP/JSON; `{}` when nothing was rejected. */
export function encodeExportResponseJson(rejectedSpans: number, errorMessage: string, signal: OtlpSignal = 'traces'): string {
  if (!isPartial(rejectedSpans, errorMessage)) return '{}'
  // Proto3 JSON writes int64 as a string; default values are omitted.
  const partialSuccess: Record<string, string> = {}
  if (rejectedSpans > 0) partialSuccess[REJECTED_FIELD[signal]] = String(rejectedSpans)
  if (errorMessage !== '') partialSuccess.errorMessage = errorMessage
  return JSON.stringify({ partialSuccess })
}

/** google.rpc.Status as protobuf bytes, for an error response body. */
export function encodeStatusProtobuf(code: number, message: string): Uint8Array {
  const status = new ProtobufWriter()
  // int32 fields write negative values as 64-bit two's complement, which the bigint path does.
  if (code !== 0) status.varint(1, BigInt(Math.trunc(code)))
  if (message !== '') status.string(2, message)
  return status.finish()
}

/** google.rpc.Status as JSON, for an error response body. */
export function encodeStatusJson(code: number, message: string): string {
  const status: { code?: number; message?: string } = {}
  if (code !== 0) status.code = Math.trunc(code)
  if (message !== '') status.message = message
  return JSON.stringify(status)
}

/**
 * google.rpc.Status carrying a google.rpc.RetryInfo detail: the `grpc-status-details-bin` trailer
 * that tells an OTLP/gRPC exporter how long to wait before it retries a throttled export.
 */
export function encodeRetryStatusProtobuf(code: number, message: string, retryAfterSeconds: number): Uint8Array {
  const delay = new ProtobufWriter().varint(1, Math.max(1, Math.ceil(retryAfterSeconds)))
  const retryInfo = new ProtobufWriter().message(1, delay)
  const detail = new ProtobufWriter().string(1, 'type.googleapis.com/google.rpc.RetryInfo').message(2, retryInfo)
  const status = new ProtobufWriter()
  if (code !== 0) status.varint(1, code)
  if (message !== '') status.string(2, message)
  return status.message(3, detail).finish()
}
