import { describe, it, expect } from 'vitest'
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { decodeProtobufTraces } from './decode-protobuf.ts'
import { DEFAULT_DECODE_LIMITS } from './span-validation.ts'
import { ProtobufWriter } from './protobuf-writer.ts'
import { DecodeError } from './protobuf-reader.ts'
import { expectedRecord, recordRetailSpans } from './retail-spans.fixture.ts'

const TRACE_ID = Uint8Array.from({ length: 16 }, (_, i) => i + 1)
const SPAN_ID = Uint8Array.from({ length: 8 }, (_, i) => 0xa0 + i)

/** One ResourceSpans with one ScopeSpans holding the given spans. */
function request(...spans: ProtobufWriter[]): Uint8Array {
  const scopeSpans = new ProtobufWriter()
  for (const span of spans) scopeSpans.message(2, span)
  return new ProtobufWriter().message(1, new ProtobufWriter().message(2, scopeSpans)).finish()
}

function spanWithAttribute(value: ProtobufWriter): ProtobufWriter {
  return new ProtobufWriter()
    .bytesField(1, TRACE_ID)
    .bytesField(2, SPAN_ID)
    .string(5, 'stock.sync')
    .message(9, new ProtobufWriter().string(1, 'value').message(2, value))
}

function attributeOf(value: ProtobufWriter): string | undefined {
  return decodeProtobufTraces(request(spanWithAttribute(value)), DEFAULT_DECODE_LIMITS).spans[0]?.attributes.value
}

describe('decodeProtobufTraces', () => {
  it("decodes every field of the official encoder's bytes", async () => {
    const spans = await recordRetailSpans()
    const decoded = decodeProtobufTraces(ProtobufTraceSerializer.serializeRequest(spans)!, DEFAULT_DECODE_LIMITS)
    expect(decoded.rejectedSpans).toBe(0)
    expect(decoded.truncated).toBe(0)
    const byId = new Map(decoded.spans.map((span) => [span.spanId, span]))
    expect(byId.size).toBe(spans.length)
    for (const span of spans) expect(byId.get(span.spanContext().spanId)).toEqual(expectedRecord(span))
    const order = decoded.spans.find((span) => span.name === 'POST /orders')!
    // Spot checks of the oracle itself, so a shared mistake cannot pass unnoticed.
    expect(order).toMatchObject({
      kind: 'server',
      statusCode: 'error',
      statusMessage: 'ERP timeout',
      traceState: 'retail=7,vendor=abc',
      parentSpanId: 'b7ad6b7169203331',
    })
    expect(order.attributes).toMatchObject({
      'retail.amount': '129.95',
      'retail.inventory.delta': '-3',
      'retail.dead_letter': 'false',
      sparse: '["a",null,"c"]',
      quantities: '[1,2.5,-3]',
      'big.int': '9007199254740991',
    })
    expect(order.resource).toMatchObject({
      'build.digest': 'AAEC+v8=',
      deployment: '{"region":"eu-west-1","replicas":3,"canary":false,"tags":["blue","green"]}',
    })
    expect(order.events.map((event) => event.name)).toEqual(['order.placed', 'exception'])
    expect(order.startTimeUnixNano).toBe(1_760_000_000_012_345_678n)
  })

  it('shares one resource object across the spans of a ResourceSpans block', async () => {
    const decoded = decodeProtobufTraces(ProtobufTraceSerializer.serializeRequest(await recordRetailSpans())!, DEFAULT_DECODE_LIMITS)
    expect(new Set(decoded.spans.map((span) => span.resource)).size).toBe(1)
  })

  it('keeps int64 values exact, using the full signed range', () => {
    const int = (value: bigint) => attributeOf(new ProtobufWriter().varint(3, value))
    expect(int(9_007_199_254_740_993n)).toBe('9007199254740993')
    expect(int(2n ** 63n - 1n)).toBe('9223372036854775807')
    expect(int(-(2n ** 63n))).toBe('-9223372036854775808')
    expect(int(-(2n ** 53n))).toBe('-9007199254740992')
    expect(int(-(2n ** 53n) - 1n)).toBe('-9007199254740993')
    expect(int(-5n)).toBe('-5')
    expect(int(0n)).toBe('0')
  })

  it('flattens doubles, bytes, nested maps and empty values', () => {
    expect(attributeOf(new ProtobufWriter().double(4, Number.NaN))).toBe('NaN')
    expect(attributeOf(new ProtobufWriter().double(4, 0.1))).toBe('0.1')
    expect(attributeOf(new ProtobufWriter().bytesField(7, Uint8Array.of(255, 0)))).toBe('/wA=')
    expect(attributeOf(new ProtobufWriter())).toBe('')
    const inner = new ProtobufWriter().message(1, new ProtobufWriter().string(1, 'k').message(2, new ProtobufWriter().double(4, Infinity)))
    const array = new ProtobufWriter()
      .message(1, new ProtobufWriter().message(6, inner))
      .message(1, new ProtobufWriter())
      .message(1, new ProtobufWriter().bytesField(7, Uint8Array.of(1)))
    expect(attributeOf(new ProtobufWriter().message(5, array))).toBe('[{"k":"Infinity"},null,"AQ=="]')
  })

  it('answers repeated attributes exactly as it decoded them the first time, whatever the limits', () => {
    const values: [string, ProtobufWriter][] = [
      ['text', new ProtobufWriter().string(1, 'POST')],
      ['long', new ProtobufWriter().string(1, 'x'.repeat(40))],
      ['int', new ProtobufWriter().varint(3, -3n)],
      ['double', new ProtobufWriter().double(4, 129.95)],
      ['bool', new ProtobufWriter().varint(2, 1n)],
      [
        'list',
        new ProtobufWriter().message(
          5,
          new ProtobufWriter()
            .message(1, new ProtobufWriter().string(1, 'a'))
            .message(1, new ProtobufWriter().message(5, new ProtobufWriter().message(1, new ProtobufWriter().string(1, 'b')))),
        ),
      ],
      ['__proto__', new ProtobufWriter().string(1, 'polluted?')],
    ]
    const span = () => {
      const w = new ProtobufWriter().bytesField(1, TRACE_ID).bytesField(2, SPAN_ID).string(5, 'stock.sync')
      for (const [key, value] of values) w.message(9, new ProtobufWriter().string(1, key).message(2, value))
      return w
    }
    const bytes = request(span(), span(), span())
    const full = { text: 'POST', long: 'x'.repeat(40), int: '-3', double: '129.95', bool: 'true', list: '["a",["b"]]' }
    const small = { ...DEFAULT_DECODE_LIMITS, maxAttributeValueLength: 8, maxArrayDepth: 1 }
    const cut = { text: 'POST', long: 'xxxxxxxx', int: '-3', double: '129.95', bool: 'true', list: '["a",nul', __proto_: 'polluted' }
    // Three spans a request, several requests, so repeats are answered from the cache. Cut per
    // span: long, list (depth, then length), the __proto__ key and value, and the span name.
    for (const [limits, expected, truncated] of [
      [DEFAULT_DECODE_LIMITS, full, 0],
      [small, cut, 18],
      [DEFAULT_DECODE_LIMITS, full, 0],
    ] as const) {
      for (let request = 0; request < 3; request++) {
        const decoded = decodeProtobufTraces(bytes, limits)
        expect(decoded.truncated).toBe(truncated)
        for (const { attributes } of decoded.spans) {
          expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype)
          if (limits === small) {
            expect(attributes).toEqual(cut)
            continue
          }
          expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('polluted?')
          expect({ ...attributes, ['__proto__']: undefined }).toEqual({ ...expected, ['__proto__']: undefined })
        }
      }
    }
  })

  it('reads malformed UTF-8 as replacement characters', () => {
    expect(attributeOf(new ProtobufWriter().bytesField(1, Uint8Array.of(0x6f, 0xff, 0xc3)))).toBe('o\uFFFD\uFFFD')
  })

  it('applies a scope that arrives after its spans', () => {
    const span = spanWithAttribute(new ProtobufWriter().string(1, 'x'))
    const scopeSpans = new ProtobufWriter().message(2, span).message(1, new ProtobufWriter().string(1, 'late-scope').string(2, '2.0'))
    const bytes = new ProtobufWriter().message(1, new ProtobufWriter().message(2, scopeSpans)).finish()
    expect(decodeProtobufTraces(bytes, DEFAULT_DECODE_LIMITS).spans[0]).toMatchObject({ scopeName: 'late-scope', scopeVersion: '2.0' })
  })

  it('skips unknown fields of every wire type and known fields of the wrong wire type', () => {
    const span = spanWithAttribute(new ProtobufWriter().string(1, 'kept'))
      .varint(99, 1n)
      .fixed64(98, 5n)
      .fixed32(97, 5)
      .string(96, 'future')
      .varint(5, 7n)
      .fixed32(6, 1)
    expect(decodeProtobufTraces(request(span), DEFAULT_DECODE_LIMITS).spans[0]).toMatchObject({
      name: 'stock.sync',
      attributes: { value: 'kept' },
    })
  })

  it('rejects groups, truncation and a sub-message overrunning its parent with a DecodeError naming the offset', () => {
    expect(() => decodeProtobufTraces(new ProtobufWriter().tag(7, 3).finish(), DEFAULT_DECODE_LIMITS)).toThrow(/group wire type.*at byte 1/)
    const valid = request(spanWithAttribute(new ProtobufWriter().string(1, 'x')))
    expect(() => decodeProtobufTraces(valid.subarray(0, valid.length - 1), DEFAULT_DECODE_LIMITS)).toThrow(DecodeError)
    const hugeLength = Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f)
    expect(() => decodeProtobufTraces(hugeLength, DEFAULT_DECODE_LIMITS)).toThrow(
      /declared length 4294967295 exceeds the 0 bytes left at byte 1/,
    )
    // ResourceSpans claims 2 bytes, but its ScopeSpans claims 3.
    expect(() => decodeProtobufTraces(Uint8Array.of(0x0a, 0x02, 0x12, 0x03, 0, 0, 0), DEFAULT_DECODE_LIMITS)).toThrow(
      /exceeds the 0 bytes left at byte 3/,
    )
  })

  it('decodes an empty request to no spans', () => {
    expect(decodeProtobufTraces(new Uint8Array(0), DEFAULT_DECODE_LIMITS)).toEqual({
      spans: [],
      rejectedSpans: 0,
      rejectionMessage: '',
      rejections: [],
      rejectedByReason: {},
      truncated: 0,
      resourceCopyChars: 0,
    })
  })
})
