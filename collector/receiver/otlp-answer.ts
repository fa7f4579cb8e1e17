/**
 * OTLP/HTTP answers: success with partial success, and errors as google.rpc.Status, each in
 * the request's own encoding as the specification asks.
 */
import {
  encodeExportResponseJson,
  encodeExportResponseProtobuf,
  encodeStatusJson,
  encodeStatusProtobuf,
  type OtlpEncoding,
  type OtlpSignal,
} from '../otlp/index.ts'

const CONTENT_TYPE: Record<OtlpEncoding, string> = { protobuf: 'application/x-protobuf', json: 'application/json' }

/** google.rpc.Code values for the statuses the receiver answers with. */
const RPC_CODE: Record<number, number> = { 400: 3, 401: 16, 413: 8, 415: 3, 429: 8, 500: 13, 503: 14 }

/** The OTLP encoding of a Content-Type, or undefined for anything else (a 415). */
export function encodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf'
  if (type === 'application/json') return 'json'
  return undefined
}

/** A 200 with ExportTraceServiceResponse; partial success when some spans were rejected. */
export function exportAnswer(encoding: OtlpEncoding, rejectedSpans: number, message: string, signal: OtlpSignal = 'traces'): Response {
  const body =
    encoding === 'json'
      ? encodeExportResponseJson(rejectedSpans, message, signal)
      : Buffer.from(encodeExportResponseProtobuf(rejectedSpans, message))
  return new Response(body, { status: 200, headers: { 'content-type': CONTENT_TYPE[encoding] } })
}

/** An error status with a google.rpc.Status body and optional Retry-After. */
export function errorAnswer(encoding: OtlpEncoding, status: number, message: string, retryAfterSeconds?: number): Response {
  const code = RPC_CODE[status] ?? 2
  const body = encoding === 'json' ? encodeStatusJson(code, message) : Buffer.from(encodeStatusProtobuf(code, message))
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE[encoding] }
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterSeconds)))
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="throughline-ingest"'
  return new Response(body, { status, headers })
}
