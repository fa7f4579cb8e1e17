import { beforeAll, describe, it, expect } from 'vitest'
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { decodeJsonTraces } from './decode-json.ts'
import { decodeProtobufTraces } from './decode-protobuf.ts'
import { DecodeError } from './protobuf-reader.ts'
import { ProtobufWriter } from './protobuf-writer.ts'
import { DEFAULT_DECODE_LIMITS } from './span-validation.ts'
import type { DecodedTraces } from './span-validation.ts'
import { recordRetailSpans } from './retail-spans.fixture.ts'

/** mulberry32: a tiny seeded PRNG, so every run tries the same cases and a failure reproduces. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Decodes and accepts exactly two outcomes: a well-formed result or a DecodeError. */
function decodesOrRejects(decode: () => DecodedTraces, label: string): 'decoded' | 'rejected' {
  let result: DecodedTraces
  try {
    result = decode()
  } catch (error) {
    if (error instanceof DecodeError) return 'rejected'
    throw new Error(`${label}: threw ${String(error)}`, { cause: error })
  }
  for (const span of result.spans) {
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/)
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/)
    expect(span.name).not.toBe('')
    for (const value of Object.values(span.attributes))
      expect(value.length).toBeLessThanOrEqual(DEFAULT_DECODE_LIMITS.maxAttributeValueLength)
  }
  return 'decoded'
}

const SPAN_ID = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)
const TRACE_ID = Uint8Array.of(...SPAN_ID, ...SPAN_ID)

/** A length-delimited field around `payload`, without the writer's byte-at-a-time copy (payloads here are megabytes). */
function wrap(tag: number, ...payload: Uint8Array[]): Uint8Array {
  const length = payload.reduce((sum, part) => sum + part.length, 0)
  const prefix = new ProtobufWriter().varint(1, BigInt(length)).finish().subarray(1)
  const out = new Uint8Array(1 + prefix.length + length)
  out[0] = tag
  out.set(prefix, 1)
  let at = 1 + prefix.length
  for (const part of payload) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A request with one span whose only attribute holds the given AnyValue bytes. */
function requestWithValue(anyValue: Uint8Array): Uint8Array {
  const spanHead = new ProtobufWriter().bytesField(1, TRACE_ID).bytesField(2, SPAN_ID).string(5, 'fuzz').finish()
  const attribute = wrap(0x4a, new ProtobufWriter().string(1, 'value').finish(), wrap(0x12, anyValue))
  return wrap(0x0a, wrap(0x12, wrap(0x12, spanHead, attribute)))
}

/** AnyValue nested `levels` deep, alternating arrays and maps; built back to front in linear time. */
function deeplyNestedValue(levels: number): Uint8Array {
  const out = new Uint8Array(levels * 16 + 8)
  let start = out.length
  const prepend = (...bytes: number[]) => {
    start -= bytes.length
    out.set(bytes, start)
  }
  const prependLength = (length: number) => {
    const varint: number[] = []
    for (; length >= 0x80; length >>>= 7) varint.push((length & 0x7f) | 0x80)
    varint.push(length)
    prepend(...varint)
  }
  prepend(0x0a, 0x01, 0x78) // AnyValue { string_value: "x" }
  for (let level = 0; level < levels; level++) {
    if (level % 2 === 0) {
      prependLength(out.length - start)
      prepend(0x0a) // ArrayValue.values
    } else {
      prependLength(out.length - start)
      prepend(0x0a, 0x01, 0x6b, 0x12) // KeyValue { key: "k", value: ... }
      prependLength(out.length - start)
      prepend(0x0a) // KeyValueList.values
    }
    prependLength(out.length - start)
    prepend(level % 2 === 0 ? 0x2a : 0x32) // AnyValue.array_value or kvlist_value
  }
  return out.subarray(start)
}

describe('decoder fuzzing', () => {
  let protobufSamples: Uint8Array[] = []
  let jsonSample = ''
  beforeAll(async () => {
    const spans = await recordRetailSpans()
    protobufSamples = [ProtobufTraceSerializer.serializeRequest(spans)!, requestWithValue(deeplyNestedValue(12))]
    jsonSample = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans))
  })

  it('returns or throws DecodeError for random bytes, bit flips, truncations and splices', () => {
    const random = prng(0x7e11)
    const outcomes = { decoded: 0, rejected: 0 }
    for (let i = 0; i < 4000; i++) {
      const sample = protobufSamples[i % protobufSamples.length]!
      let bytes: Uint8Array
      if (i % 4 === 0) {
        bytes = Uint8Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256))
      } else if (i % 4 === 1) {
        bytes = sample.slice()
        for (let flips = 1 + Math.floor(random() * 8); flips > 0; flips--)
          bytes[Math.floor(random() * bytes.length)]! ^= 1 << Math.floor(random() * 8)
      } else if (i % 4 === 2) {
        bytes = sample.subarray(0, Math.floor(random() * sample.length))
      } else {
        const at = Math.floor(random() * sample.length)
        const noise = Uint8Array.from({ length: 1 + Math.floor(random() * 16) }, () => Math.floor(random() * 256))
        bytes = Uint8Array.of(...sample.subarray(0, at), ...noise, ...sample.subarray(at))
      }
      outcomes[decodesOrRejects(() => decodeProtobufTraces(bytes, DEFAULT_DECODE_LIMITS), `protobuf case ${i}`)]++
    }
    // Both outcomes must actually occur, or the mutations are not exercising the decoder.
    expect(outcomes.decoded).toBeGreaterThan(100)
    expect(outcomes.rejected).toBeGreaterThan(100)
  })

  it('bounds nesting 10,000 levels deep without touching the stack', () => {
    const decoded = decodeProtobufTraces(requestWithValue(deeplyNestedValue(10_000)), DEFAULT_DECODE_LIMITS)
    expect(decoded.spans[0]!.attributes.value).toBe('{"k":[{"k":[{"k":[{"k":[null]}]}]}]}')
    expect(decoded.truncated).toBe(1)
    const levels = 10_000
    const json = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${'ab'.repeat(16)}","spanId":"${'cd'.repeat(8)}","name":"fuzz","attributes":[{"key":"value","value":${'{"arrayValue":{"values":['.repeat(levels)}{"stringValue":"x"}${']}}'.repeat(levels)}}]}]}]}]}`
    expect(decodeJsonTraces(json, DEFAULT_DECODE_LIMITS).spans[0]!.attributes.value).toBe('[[[[[[[[null]]]]]]]]')
  })

  it('refuses huge declared lengths without allocating them', () => {
    for (const length of [2 ** 31, 2 ** 32 + 5, 2 ** 53, 2 ** 62]) {
      const bytes = new ProtobufWriter().tag(1, 2).finish()
      const prefix = new ProtobufWriter().varint(1, BigInt(length)).finish().subarray(1)
      expect(() => decodeProtobufTraces(Uint8Array.of(...bytes, ...prefix, 0, 0), DEFAULT_DECODE_LIMITS)).toThrow(DecodeError)
    }
  })

  it('cuts huge values and arrays to the value limit instead of flattening them whole', () => {
    const hugeString = wrap(0x0a, new Uint8Array(5_000_000).fill(0x78))
    // ArrayValue.values = AnyValue { int_value: 1 }, a million times.
    const hugeArray = wrap(
      0x2a,
      new Uint8Array(4_000_000).map((_, i) => [0x0a, 0x02, 0x18, 0x01][i % 4]!),
    )
    expect(decodeProtobufTraces(requestWithValue(hugeString), DEFAULT_DECODE_LIMITS).spans[0]!.attributes.value).toHaveLength(8192)
    expect(decodeProtobufTraces(requestWithValue(hugeArray), DEFAULT_DECODE_LIMITS).spans[0]!.attributes.value).toHaveLength(8192)
    const json = (value: unknown) =>
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              { spans: [{ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), name: 'fuzz', attributes: [{ key: 'value', value }] }] },
            ],
          },
        ],
      })
    const hugeJsonString = json({ stringValue: 'x'.repeat(2_000_000) })
    const hugeJsonArray = json({ arrayValue: { values: Array.from({ length: 200_000 }, () => ({ intValue: '1' })) } })
    expect(decodeJsonTraces(hugeJsonString, DEFAULT_DECODE_LIMITS).spans[0]!.attributes.value).toHaveLength(8192)
    expect(decodeJsonTraces(hugeJsonArray, DEFAULT_DECODE_LIMITS).spans[0]!.attributes.value).toHaveLength(8192)
  })

  it('reads random non-UTF-8 bytes in every string field as text', () => {
    const random = prng(0xbad)
    for (let i = 0; i < 300; i++) {
      // Continuation bytes with no lead byte are never valid UTF-8.
      const noise = () => Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () => 0x80 + Math.floor(random() * 64))
      const span = new ProtobufWriter()
        .bytesField(1, TRACE_ID)
        .bytesField(2, SPAN_ID)
        .bytesField(5, noise())
        .bytesField(3, noise())
        .message(9, new ProtobufWriter().bytesField(1, noise()).message(2, new ProtobufWriter().bytesField(1, noise())))
        .message(11, new ProtobufWriter().bytesField(2, noise()))
      const bytes = new ProtobufWriter().message(1, new ProtobufWriter().message(2, new ProtobufWriter().message(2, span))).finish()
      const [decoded] = decodeProtobufTraces(bytes, DEFAULT_DECODE_LIMITS).spans
      expect(decoded!.name).toContain('\uFFFD')
    }
  })

  it('returns or throws DecodeError for mutated and truncated JSON', () => {
    const random = prng(0x15011)
    const alphabet = '{}[]":,0123456789abcdefxyz -.eE\\nulltrue'
    const outcomes = { decoded: 0, rejected: 0 }
    for (let i = 0; i < 1500; i++) {
      let text: string
      if (i % 3 === 0) text = jsonSample.slice(0, Math.floor(random() * jsonSample.length))
      else {
        const chars = jsonSample.split('')
        for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--)
          chars[Math.floor(random() * chars.length)] = alphabet[Math.floor(random() * alphabet.length)]!
        text = chars.join('')
      }
      outcomes[decodesOrRejects(() => decodeJsonTraces(text, DEFAULT_DECODE_LIMITS), `json case ${i}`)]++
    }
    // Both outcomes must actually occur, or the mutations are not exercising the decoder.
    expect(outcomes.decoded).toBeGreaterThan(100)
    expect(outcomes.rejected).toBeGreaterThan(100)
  })
})
