/**
 * UTF-8 decoding for the protobuf decoder. Attribute keys and span names repeat across every
 * span of a batch, so short strings come from a small content-addressed cache: a hit costs a
 * hash and a compare of a few bytes, allocates nothing, and returns a string V8 has already
 * internalized as a property key, which is most of the cost of building attributes. What the
 * cache misses is decoded directly, pure ASCII (nearly all OTLP text) without TextDecoder.
 */
import { Buffer } from 'node:buffer'
import { ByteRunCache } from './byte-run-cache.ts'
import { withoutNul } from './well-formed-text.ts'

const MAX_CACHED_BYTES = 64
// 2,048 slots of 64 bytes: 128 KiB, enough for the distinct keys and names of a large batch.
const cache = new ByteRunCache(11, MAX_CACHED_BYTES)
const cachedText: string[] = new Array<string>(cache.slots).fill('')
const cachedJson: (string | undefined)[] = new Array<string | undefined>(cache.slots).fill(undefined)
// A missed string's bytes, copied while checking that they are ASCII.
const scratchBuffer = Buffer.alloc(MAX_CACHED_BYTES)
const scratch = new Uint8Array(scratchBuffer.buffer, scratchBuffer.byteOffset, MAX_CACHED_BYTES)
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

/**
 * Decodes bytes [start, end) of `buf` (with `view`, a DataView over the same bytes) as UTF-8;
 * malformed sequences and NUL become U+FFFD, never an error.
 */
export function decodeUtf8(buf: Uint8Array, view: DataView, start: number, end: number): string {
  const length = end - start
  if (length === 0) return ''
  if (length > MAX_CACHED_BYTES) return decodeLong(buf, start, end)
  const slot = cache.lookup(buf, view, start, end)
  return slot >= 0 ? cachedText[slot]! : decodeMissed(buf, start, end, ~slot)
}

/**
 * `decodeUtf8` without the cache, for strings that are seldom repeated where they are read
 * (attribute values, whose repeats the attribute cache answers before they get here).
 */
export function decodeUtf8Uncached(buf: Uint8Array, start: number, end: number): string {
  const length = end - start
  if (length === 0) return ''
  if (length > MAX_CACHED_BYTES) return decodeLong(buf, start, end)
  return decodeShort(buf, start, end)
}

/** The same text as a JSON string literal, for strings nested in flattened arrays and maps. */
export function decodeUtf8Json(buf: Uint8Array, view: DataView, start: number, end: number): string {
  const length = end - start
  if (length === 0) return '""'
  if (length > MAX_CACHED_BYTES) return JSON.stringify(decodeLong(buf, start, end))
  const slot = cache.lookup(buf, view, start, end)
  if (slot < 0) return JSON.stringify(decodeMissed(buf, start, end, ~slot))
  return (cachedJson[slot] ??= JSON.stringify(cachedText[slot]))
}

/** Decodes a short string the cache missed, storing it when the cache admits it. */
function decodeMissed(buf: Uint8Array, start: number, end: number, slot: number): string {
  const text = decodeShort(buf, start, end)
  if (cache.admits(slot)) {
    cache.fill(slot, buf, start, end)
    cachedText[slot] = text
    cachedJson[slot] = undefined
  }
  return text
}

/** Decodes a string longer than the cache takes. */
function decodeLong(buf: Uint8Array, start: number, end: number): string {
  return withoutNul(utf8.decode(buf.subarray(start, end)))
}

/** Decodes a string of at most MAX_CACHED_BYTES bytes. */
function decodeShort(buf: Uint8Array, start: number, end: number): string {
  const length = end - start
  let high = 0
  let nul = false
  for (let i = 0; i < length; i++) {
    const byte = buf[start + i]!
    scratch[i] = byte
    high |= byte
    if (byte === 0) nul = true
  }
  // Pure ASCII is what OTLP keys and values almost always are; anything else goes to TextDecoder, which owns U+FFFD.
  if (high < 0x80 && !nul) return asciiText(length)
  return withoutNul(utf8.decode(buf.subarray(start, end)))
}

/**
 * The first `length` bytes of `scratch`, all ASCII, as a flat string. Up to sixteen, one
 * fixed-arity `fromCharCode` call is several times faster than TextDecoder; it may read stale
 * bytes past `length`, which the slice drops. Longer ones go through latin1, which for ASCII
 * is the same text and skips UTF-8 validation.
 */
function asciiText(length: number): string {
  if (length > 16) return scratchBuffer.toString('latin1', 0, length)
  const b = scratch
  const text = String.fromCharCode(
    b[0]!,
    b[1]!,
    b[2]!,
    b[3]!,
    b[4]!,
    b[5]!,
    b[6]!,
    b[7]!,
    b[8]!,
    b[9]!,
    b[10]!,
    b[11]!,
    b[12]!,
    b[13]!,
    b[14]!,
    b[15]!,
  )
  return length === 16 ? text : text.slice(0, length)
}
