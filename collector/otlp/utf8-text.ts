/**
 * UTF-8 decoding for the protobuf decoder. Attribute keys, span names and most values repeat
 * across every span of a batch, so short strings come from a small content-addressed cache:
 * a hit costs a hash and a compare of a few bytes, allocates nothing, and returns a string V8
 * has already internalized as a property key, which is most of the cost of building attributes.
 */

// Direct-mapped: a newer string evicts an older one of the same hash, which bounds memory at
// SLOTS * MAX_CACHED_BYTES bytes and keeps lookups branch-light.
const SLOT_BITS = 12
// Slot 0 permanently holds the empty string.
const EMPTY_SLOT = 0
const SLOTS = 1 + (1 << SLOT_BITS)
const MAX_CACHED_BYTES = 64
const cachedText: string[] = new Array<string>(SLOTS).fill('')
const cachedJson: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined)
const cachedLength = new Int8Array(SLOTS).fill(-1)
const cachedBytes = new Uint8Array(SLOTS * MAX_CACHED_BYTES)
const cachedView = new DataView(cachedBytes.buffer)
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

/**
 * Decodes bytes [start, end) of `buf` (with `view`, a DataView over the same bytes) as UTF-8;
 * malformed sequences become U+FFFD, never an error.
 */
export function decodeUtf8(buf: Uint8Array, view: DataView, start: number, end: number): string {
  const slot = cacheSlot(buf, view, start, end)
  return slot < 0 ? utf8.decode(buf.subarray(start, end)) : cachedText[slot]!
}

/** The same text as a JSON string literal, for strings nested in flattened arrays and maps. */
export function decodeUtf8Json(buf: Uint8Array, view: DataView, start: number, end: number): string {
  const slot = cacheSlot(buf, view, start, end)
  if (slot < 0) return JSON.stringify(utf8.decode(buf.subarray(start, end)))
  return cachedJson[slot] ??= JSON.stringify(cachedText[slot])
}

/** The cache slot holding bytes [start, end), filling it on a miss; -1 for strings too long to cache. */
function cacheSlot(buf: Uint8Array, view: DataView, start: number, end: number): number {
  const length = end - start
  if (length > MAX_CACHED_BYTES) return -1
  if (length === 0) return EMPTY_SLOT
  // Hashing four sampled bytes and the length, not all bytes: the compare that follows checks them all anyway.
  const hash = Math.imul(length ^ (buf[start]! << 8) ^ (buf[start + (length >>> 1)]! << 16) ^ (buf[end - 1]! << 24) ^ (buf[start + (length >>> 2)]! << 4), 0x9e3779b1)
  const slot = 1 + (hash >>> (32 - SLOT_BITS))
  const base = slot * MAX_CACHED_BYTES
  if (cachedLength[slot] === length && sameBytes(buf, view, start, length, base)) return slot
  const bytes = buf.subarray(start, end)
  cachedLength[slot] = length
  cachedText[slot] = utf8.decode(bytes)
  cachedJson[slot] = undefined
  cachedBytes.set(bytes, base)
  return slot
}

/** Whether bytes [start, start + length) equal the cached bytes at `base`, compared four at a time. */
function sameBytes(buf: Uint8Array, view: DataView, start: number, length: number, base: number): boolean {
  let i = 0
  for (; i + 4 <= length; i += 4) {
    if (view.getInt32(start + i) !== cachedView.getInt32(base + i)) return false
  }
  for (; i < length; i++) {
    if (buf[start + i] !== cachedBytes[base + i]) return false
  }
  return true
}
