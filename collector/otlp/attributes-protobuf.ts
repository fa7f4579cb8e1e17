/**
 * OTLP attributes (KeyValue and AnyValue) from protobuf, flattened straight to strings without
 * an intermediate value tree: scalars in their text form, arrays and maps as JSON.
 */
import type { Attributes } from '../../core/index.ts'
import { ByteRunCache } from './byte-run-cache.ts'
import { ProtobufReader, WireType } from './protobuf-reader.ts'
import { decodeUtf8, decodeUtf8Json, decodeUtf8Uncached } from './utf8-text.ts'
import { base64Of, doubleJson, doubleText } from './otlp-values.ts'
import { setAttribute } from './span-validation.ts'
import type { ValueTally } from './span-validation.ts'

/** Field 1, length-delimited: a request's resource blocks, and a Resource's attributes. */
const RESOURCE_BLOCK = (1 << 3) | WireType.lengthDelimited

const LEN = WireType.lengthDelimited
// KeyValue and AnyValue field tags: (field number << 3) | wire type.
const KEY = (1 << 3) | LEN
const VALUE = (2 << 3) | LEN
const STRING_VALUE = (1 << 3) | LEN
const BOOL_VALUE = (2 << 3) | WireType.varint
const INT_VALUE = (3 << 3) | WireType.varint
const DOUBLE_VALUE = (4 << 3) | WireType.fixed64
const ARRAY_VALUE = (5 << 3) | LEN
const KVLIST_VALUE = (6 << 3) | LEN
const BYTES_VALUE = (7 << 3) | LEN
// ArrayValue.values and KeyValueList.values share field 1.
const VALUES = (1 << 3) | LEN

// Whole KeyValues repeat across a batch as much as their strings do (`http.request.method`:
// `POST`), so a repeated one is answered from its bytes without being parsed at all. What a
// KeyValue decodes to depends only on its bytes and the value and depth limits, so the cache
// is emptied when the limits change and only holds KeyValues that were decoded without a cut
// (nor keyed `__proto__`, which `setAttribute` must handle).
const MAX_CACHED_ATTRIBUTE_BYTES = 128
// 2,048 slots of 128 bytes: 256 KiB.
const attributeCache = new ByteRunCache(11, MAX_CACHED_ATTRIBUTE_BYTES)
const cachedKeys: string[] = new Array<string>(attributeCache.slots).fill('')
const cachedValues: string[] = new Array<string>(attributeCache.slots).fill('')
let cachedValueLength = -1
let cachedDepth = -1

/**
 * Reads one length-delimited KeyValue into `into` if `kept` is under the attribute limit, else
 * skips it and counts the truncation. Returns the new count of kept attributes.
 */
export function readAttribute(r: ProtobufReader, tally: ValueTally, into: Attributes, kept: number): number {
  if (kept >= tally.maxAttributes) {
    r.skipLengthDelimited()
    tally.truncated++
    return kept
  }
  const len = r.length()
  const start = r.pos
  const end = start + len
  // The slot to remember this KeyValue in once decoded; -1 when it is not cached.
  let missedSlot = -1
  if (len > 0 && len <= MAX_CACHED_ATTRIBUTE_BYTES) {
    if (tally.maxValueLength !== cachedValueLength || tally.maxDepth !== cachedDepth) useLimits(tally)
    const slot = attributeCache.lookup(r.buf, r.view, start, end)
    if (slot >= 0) {
      r.pos = end
      // A cached key is never `__proto__`, so plain assignment is safe.
      into[cachedKeys[slot]!] = cachedValues[slot]!
      return kept + 1
    }
    if (attributeCache.admits(~slot)) missedSlot = ~slot
  }
  const outer = r.limit
  r.limit = end
  const truncated = tally.truncated
  let key = ''
  let value = ''
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === KEY) key = readCappedString(r, tally)
    else if (tag === VALUE) value = anyValueText(r, tally)
    else r.skip(tag & 7)
  }
  r.leave(outer)
  setAttribute(into, key, value)
  if (missedSlot >= 0 && tally.truncated === truncated && key !== '__proto__') {
    attributeCache.fill(missedSlot, r.buf, start, end)
    cachedKeys[missedSlot] = key
    cachedValues[missedSlot] = value
  }
  return kept + 1
}

function useLimits(tally: ValueTally): void {
  attributeCache.clear()
  cachedValueLength = tally.maxValueLength
  cachedDepth = tally.maxDepth
}

/** Reads a length-delimited string cut to the value limit, decoding only the bytes it keeps. */
export function readCappedString(r: ProtobufReader, tally: ValueTally): string {
  return tally.cut(readStringPrefix(r, tally))
}

/** At least the first value-limit characters of a length-delimited string (all when shorter). */
function readStringPrefix(r: ProtobufReader, tally: ValueTally): string {
  const len = r.length()
  const start = r.pos
  r.pos = start + len
  return decodeUtf8(r.buf, r.view, start, start + Math.min(len, tally.maxValueBytes))
}

/** `readStringPrefix` past the string cache, for attribute values. */
function readValueStringPrefix(r: ProtobufReader, tally: ValueTally): string {
  const len = r.length()
  const start = r.pos
  r.pos = start + len
  return decodeUtf8Uncached(r.buf, start, start + Math.min(len, tally.maxValueBytes))
}

/** `readStringPrefix` as a JSON string literal; the whole flattened value is cut later, and counted once. */
function readQuotedStringPrefix(r: ProtobufReader, tally: ValueTally): string {
  const len = r.length()
  const start = r.pos
  r.pos = start + len
  return decodeUtf8Json(r.buf, r.view, start, start + Math.min(len, tally.maxValueBytes))
}

/** A length-delimited AnyValue as attribute text ('' when it holds no value). */
export function anyValueText(r: ProtobufReader, tally: ValueTally): string {
  const outer = r.enter()
  let text = ''
  while (r.pos < r.limit) {
    const tag = r.tag()
    switch (tag) {
      case STRING_VALUE:
        text = tally.cut(readValueStringPrefix(r, tally))
        break
      case BOOL_VALUE:
        text = r.varint() === 0 ? 'false' : 'true'
        break
      case INT_VALUE:
        text = r.int64Text()
        break
      case DOUBLE_VALUE:
        text = doubleText(r.double())
        break
      case ARRAY_VALUE:
        text = tally.cut(listJson(r, tally, 1, '[', ']', false))
        break
      case KVLIST_VALUE:
        text = tally.cut(listJson(r, tally, 1, '{', '}', true))
        break
      case BYTES_VALUE:
        text = tally.cut(readBase64(r, tally))
        break
      default:
        r.skip(tag & 7)
    }
  }
  r.leave(outer)
  return text
}

/**
 * A length-delimited ArrayValue or KeyValueList as JSON. Nesting past the depth limit becomes
 * null without being read, so hostile depth costs neither stack nor time; elements past the
 * length limit are skipped because the result will be cut there anyway.
 */
function listJson(r: ProtobufReader, tally: ValueTally, depth: number, open: string, close: string, keyed: boolean): string {
  if (depth > tally.maxDepth) {
    r.skipLengthDelimited()
    tally.truncated++
    return 'null'
  }
  const outer = r.enter()
  let json = open
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag !== VALUES) {
      r.skip(tag & 7)
      continue
    }
    if (json.length > tally.maxValueLength) {
      r.skipLengthDelimited()
      continue
    }
    if (json.length > 1) json += ','
    json += keyed ? keyValueJson(r, tally, depth) : anyValueJson(r, tally, depth)
  }
  r.leave(outer)
  return json + close
}

/** A length-delimited KeyValue as a JSON member. */
function keyValueJson(r: ProtobufReader, tally: ValueTally, depth: number): string {
  const outer = r.enter()
  let key = '""'
  let value = 'null'
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === KEY) key = readQuotedStringPrefix(r, tally)
    else if (tag === VALUE) value = anyValueJson(r, tally, depth)
    else r.skip(tag & 7)
  }
  r.leave(outer)
  return `${key}:${value}`
}

/** A length-delimited AnyValue nested in an array or map, as JSON (null when it holds no value). */
function anyValueJson(r: ProtobufReader, tally: ValueTally, depth: number): string {
  const outer = r.enter()
  let json = 'null'
  while (r.pos < r.limit) {
    const tag = r.tag()
    switch (tag) {
      case STRING_VALUE:
        json = readQuotedStringPrefix(r, tally)
        break
      case BOOL_VALUE:
        json = r.varint() === 0 ? 'false' : 'true'
        break
      case INT_VALUE:
        json = r.int64Text()
        break
      case DOUBLE_VALUE:
        json = doubleJson(r.double())
        break
      case ARRAY_VALUE:
        json = listJson(r, tally, depth + 1, '[', ']', false)
        break
      case KVLIST_VALUE:
        json = listJson(r, tally, depth + 1, '{', '}', true)
        break
      case BYTES_VALUE:
        json = `"${readBase64(r, tally)}"`
        break
      default:
        r.skip(tag & 7)
    }
  }
  r.leave(outer)
  return json
}

/** Base64 of a length-delimited bytes field, encoding only as much as the value limit keeps. */
function readBase64(r: ProtobufReader, tally: ValueTally): string {
  const len = r.length()
  const start = r.pos
  r.pos = start + len
  const maxBytes = Math.ceil(tally.maxValueLength / 4) * 3 + 3
  return base64Of(r.buf, start, Math.min(len, maxBytes))
}

/**
 * Reads an export request's top-level blocks (ResourceSpans, ResourceLogs: field 1 of every
 * Export*ServiceRequest), handing each to `read` positioned at its start; other fields are skipped.
 */
export function forEachResourceBlock(bytes: Uint8Array, read: (r: ProtobufReader, resourceIndex: number) => void): void {
  const r = new ProtobufReader(bytes)
  let resourceIndex = 0
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === RESOURCE_BLOCK) read(r, resourceIndex++)
    else r.skip(tag & 7)
  }
}

/** A Resource message's attributes into `resource`, after the `kept` already there; answers how many are kept now. */
export function readResourceAttributes(r: ProtobufReader, tally: ValueTally, resource: Attributes, kept: number): number {
  const outer = r.enter()
  while (r.pos < r.limit) {
    const tag = r.tag()
    if (tag === RESOURCE_BLOCK) kept = readAttribute(r, tally, resource, kept)
    else r.skip(tag & 7)
  }
  r.leave(outer)
  return kept
}
