/**
 * The decoders' one entry for a receiver: a request body in either OTLP encoding to its spans, or
 * why it cannot be decoded (a 400), as a value. The wire readers underneath unwind with a
 * DecodeError from deep in a message; this is where that becomes an answer.
 */
import { err, ok, type Result } from '../../core/index.ts'
import { decodeJsonTraces } from './decode-json.ts'
import { decodeProtobufTraces } from './decode-protobuf.ts'
import { DecodeError } from './protobuf-reader.ts'
import type { DecodeLimits, DecodedTraces } from './span-validation.ts'

/** The two OTLP encodings. */
export type OtlpEncoding = 'protobuf' | 'json'

/** Decodes an ExportTraceServiceRequest; a body that is not one answers why. */
export function decodeTraces(encoding: OtlpEncoding, body: Uint8Array, limits: DecodeLimits): Result<DecodedTraces, string> {
  try {
    return ok(
      encoding === 'json'
        ? decodeJsonTraces(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), limits)
        : decodeProtobufTraces(body, limits),
    )
  } catch (error) {
    if (error instanceof DecodeError) return err(`cannot decode the ${encoding} body: ${error.message}`)
    throw error
  }
}
