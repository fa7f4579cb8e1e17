/**
 * How OTLP's scalar values become the span model's: ids as lowercase hex, enums as lower-cased
 * names, doubles and bytes as text. Shared by the protobuf and JSON decoders so both produce
 * byte-for-byte the same spans.
 */
import { Buffer } from 'node:buffer'
import type { SpanKind, StatusCode } from '../../core/index.ts'

// Char codes of each byte's two hex digits: ids are built in one String.fromCharCode call, which
// makes one flat string instead of a chain of concatenations.
const HEX_HIGH = Uint8Array.from({ length: 256 }, (_, byte) => '0123456789abcdef'.charCodeAt(byte >>> 4))
const HEX_LOW = Uint8Array.from({ length: 256 }, (_, byte) => '0123456789abcdef'.charCodeAt(byte & 15))
const SPAN_KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']
const STATUS_CODES: readonly StatusCode[] = ['unset', 'ok', 'error']
const SPAN_KIND_NAMES: ReadonlyMap<string, number> = new Map(SPAN_KINDS.map((kind, code) => [`SPAN_KIND_${kind.toUpperCase()}`, code]))
const STATUS_CODE_NAMES: ReadonlyMap<string, number> = new Map(
  STATUS_CODES.map((status, code) => [`STATUS_CODE_${status.toUpperCase()}`, code]),
)
const HEX_DIGITS = /^[0-9a-fA-F]*$/

/** The all-zero trace id, which OTLP defines as invalid. */
export const ZERO_TRACE_ID = '0'.repeat(32)

/** The all-zero span id, which OTLP defines as invalid (and some SDKs send as "no parent"). */
export const ZERO_SPAN_ID = '0'.repeat(16)

/** Lowercase hex of the 8 bytes at `at` (a span id). */
export function hex8(buf: Uint8Array, at: number): string {
  const b0 = buf[at]!,
    b1 = buf[at + 1]!,
    b2 = buf[at + 2]!,
    b3 = buf[at + 3]!
  const b4 = buf[at + 4]!,
    b5 = buf[at + 5]!,
    b6 = buf[at + 6]!,
    b7 = buf[at + 7]!
  return String.fromCharCode(
    HEX_HIGH[b0]!,
    HEX_LOW[b0]!,
    HEX_HIGH[b1]!,
    HEX_LOW[b1]!,
    HEX_HIGH[b2]!,
    HEX_LOW[b2]!,
    HEX_HIGH[b3]!,
    HEX_LOW[b3]!,
    HEX_HIGH[b4]!,
    HEX_LOW[b4]!,
    HEX_HIGH[b5]!,
    HEX_LOW[b5]!,
    HEX_HIGH[b6]!,
    HEX_LOW[b6]!,
    HEX_HIGH[b7]!,
    HEX_LOW[b7]!,
  )
}

/** Lowercase hex of the 16 bytes at `at` (a trace id). */
export function hex16(buf: Uint8Array, at: number): string {
  const b0 = buf[at]!,
    b1 = buf[at + 1]!,
    b2 = buf[at + 2]!,
    b3 = buf[at + 3]!
  const b4 = buf[at + 4]!,
    b5 = buf[at + 5]!,
    b6 = buf[at + 6]!,
    b7 = buf[at + 7]!
  const b8 = buf[at + 8]!,
    b9 = buf[at + 9]!,
    b10 = buf[at + 10]!,
    b11 = buf[at + 11]!
  const b12 = buf[at + 12]!,
    b13 = buf[at + 13]!,
    b14 = buf[at + 14]!,
    b15 = buf[at + 15]!
  return String.fromCharCode(
    HEX_HIGH[b0]!,
    HEX_LOW[b0]!,
    HEX_HIGH[b1]!,
    HEX_LOW[b1]!,
    HEX_HIGH[b2]!,
    HEX_LOW[b2]!,
    HEX_HIGH[b3]!,
    HEX_LOW[b3]!,
    HEX_HIGH[b4]!,
    HEX_LOW[b4]!,
    HEX_HIGH[b5]!,
    HEX_LOW[b5]!,
    HEX_HIGH[b6]!,
    HEX_LOW[b6]!,
    HEX_HIGH[b7]!,
    HEX_LOW[b7]!,
    HEX_HIGH[b8]!,
    HEX_LOW[b8]!,
    HEX_HIGH[b9]!,
    HEX_LOW[b9]!,
    HEX_HIGH[b10]!,
    HEX_LOW[b10]!,
    HEX_HIGH[b11]!,
    HEX_LOW[b11]!,
    HEX_HIGH[b12]!,
    HEX_LOW[b12]!,
    HEX_HIGH[b13]!,
    HEX_LOW[b13]!,
    HEX_HIGH[b14]!,
    HEX_LOW[b14]!,
    HEX_HIGH[b15]!,
    HEX_LOW[b15]!,
  )
}

/** Byte length of a JSON hex id, or -1 when it is not an even run of hex digits. */
export function hexIdBytes(id: string): number {
  return id.length % 2 === 0 && HEX_DIGITS.test(id) ? id.length / 2 : -1
}

/** Base64 of bytes [start, start + length), the text OTLP/JSON uses for bytes values. */
export function base64Of(buf: Uint8Array, start: number, length: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, length).toString('base64')
}

/** The span kind for an OTLP enum number; unknown numbers read as unspecified. */
export function spanKindOf(code: number): SpanKind {
  return SPAN_KINDS[code] ?? 'unspecified'
}

/** The status code for an OTLP enum number; unknown numbers read as unset. */
export function statusCodeOf(code: number): StatusCode {
  return STATUS_CODES[code] ?? 'unset'
}

/** An OTLP/JSON enum value (a number or the proto name) as a number, -1 when unrecognised. */
export function enumNumber(value: unknown, names: 'kind' | 'status'): number {
  if (typeof value === 'number') return Number.isInteger(value) ? value : -1
  if (typeof value !== 'string') return -1
  return (names === 'kind' ? SPAN_KIND_NAMES : STATUS_CODE_NAMES).get(value) ?? -1
}

/** A double as attribute text: the shortest round-trip form, like `String(number)`. */
export function doubleText(value: number): string {
  return String(value)
}

/** A double inside a JSON-flattened array or map; NaN and infinities become strings, as proto3 JSON writes them. */
export function doubleJson(value: number): string {
  return Number.isFinite(value) ? String(value) : `"${String(value)}"`
}
