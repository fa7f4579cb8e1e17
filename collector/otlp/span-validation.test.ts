import { describe, it, expect } from 'vitest'
import { decodeJsonTraces } from './decode-json.ts'
import { decodeProtobufTraces } from './decode-protobuf.ts'
import { ProtobufWriter } from './protobuf-writer.ts'
import { DEFAULT_DECODE_LIMITS } from './span-validation.ts'
import type { DecodeLimits, DecodedTraces } from './span-validation.ts'

const TRACE_ID = '0102030405060708090a0b0c0d0e0f10'
const SPAN_ID = 'a0a1a2a3a4a5a6a7'

/** A span in a neutral shape, encoded both ways so every rule is checked on both decoders. */
interface TestSpan {
  traceId?: string
  spanId?: string
  name?: string
  attributes?: [string, string][]
  events?: number
  links?: number
  nestedDepth?: number
}

function asProtobuf(spans: TestSpan[]): Uint8Array {
  const scopeSpans = new ProtobufWriter()
  for (const span of spans) {
    const w = new ProtobufWriter()
      .bytesField(1, Buffer.from(span.traceId ?? TRACE_ID, 'hex'))
      .bytesField(2, Buffer.from(span.spanId ?? SPAN_ID, 'hex'))
      .string(5, span.name ?? 'inventory.adjust')
    for (const [key, value] of span.attributes ?? [])
      w.message(9, new ProtobufWriter().string(1, key).message(2, new ProtobufWriter().string(1, value)))
    for (let i = 0; i < (span.events ?? 0); i++) w.message(11, new ProtobufWriter().string(2, `ev-${i}`))
    for (let i = 0; i < (span.links ?? 0); i++)
      w.message(13, new ProtobufWriter().bytesField(1, Buffer.from(TRACE_ID, 'hex')).bytesField(2, Buffer.from(SPAN_ID, 'hex')))
    if (span.nestedDepth !== undefined) {
      let value = new ProtobufWriter().string(1, 'leaf')
      for (let i = 0; i < span.nestedDepth; i++) value = new ProtobufWriter().message(5, new ProtobufWriter().message(1, value))
      w.message(9, new ProtobufWriter().string(1, 'nested').message(2, value))
    }
    scopeSpans.message(2, w)
  }
  return new ProtobufWriter().message(1, new ProtobufWriter().message(2, scopeSpans)).finish()
}

function asJson(spans: TestSpan[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: spans.map((span) => {
              let nested: unknown = { stringValue: 'leaf' }
              for (let i = 0; i < (span.nestedDepth ?? 0); i++) nested = { arrayValue: { values: [nested] } }
              const attributes = (span.attributes ?? []).map(([key, value]) => ({ key, value: { stringValue: value } }))
              if (span.nestedDepth !== undefined) attributes.push({ key: 'nested', value: nested as { stringValue: string } })
              return {
                traceId: span.traceId ?? TRACE_ID,
                spanId: span.spanId ?? SPAN_ID,
                name: span.name ?? 'inventory.adjust',
                attributes,
                events: Array.from({ length: span.events ?? 0 }, (_, i) => ({ name: `ev-${i}` })),
                links: Array.from({ length: span.links ?? 0 }, () => ({ traceId: TRACE_ID, spanId: SPAN_ID })),
              }
            }),
          },
        ],
      },
    ],
  })
}

const decoders: [string, (spans: TestSpan[], limits: DecodeLimits) => DecodedTraces][] = [
  ['protobuf', (spans, limits) => decodeProtobufTraces(asProtobuf(spans), limits)],
  ['json', (spans, limits) => decodeJsonTraces(asJson(spans), limits)],
]

describe.each(decoders)('span validation and limits (%s)', (_encoding, decode) => {
  it('rejects spans without a usable trace id, span id or name, counts them, and keeps the rest', () => {
    const decoded = decode(
      [
        { name: 'kept-1' },
        { traceId: '00'.repeat(16) },
        { traceId: 'abcd' },
        { spanId: '00'.repeat(8) },
        { spanId: '01'.repeat(9) },
        { name: '' },
        { name: 'kept-2' },
      ],
      DEFAULT_DECODE_LIMITS,
    )
    expect(decoded.spans.map((span) => span.name)).toEqual(['kept-1', 'kept-2'])
    expect(decoded.rejectedSpans).toBe(5)
    expect(decoded.rejectionMessage).toBe('span resourceSpans[0].scopeSpans[0].spans[1] rejected: trace id is all zeros')
  })

  it('names the first rejection reason for wrong lengths and missing names', () => {
    expect(decode([{ traceId: 'abcd' }], DEFAULT_DECODE_LIMITS).rejectionMessage).toMatch(/trace id is 2 bytes, want 16$/)
    expect(decode([{ spanId: '01'.repeat(9) }], DEFAULT_DECODE_LIMITS).rejectionMessage).toMatch(/span id is 9 bytes, want 8$/)
    expect(decode([{ name: '' }], DEFAULT_DECODE_LIMITS).rejectionMessage).toMatch(/span name is empty$/)
  })

  it('cuts long values and drops attributes, events and links over the limits, counting each', () => {
    const limits = {
      ...DEFAULT_DECODE_LIMITS,
      maxAttributesPerSpan: 2,
      maxAttributeValueLength: 5,
      maxEventsPerSpan: 1,
      maxLinksPerSpan: 3,
    }
    const decoded = decode(
      [
        {
          name: 'stock',
          attributes: [
            ['sku', 'SKU-123456'],
            ['store', 'S1'],
            ['extra', 'x'],
          ],
          events: 3,
          links: 4,
        },
      ],
      limits,
    )
    expect(decoded.rejectedSpans).toBe(0)
    const [span] = decoded.spans
    expect(span!.attributes).toEqual({ sku: 'SKU-1', store: 'S1' })
    expect(span!.events.map((event) => event.name)).toEqual(['ev-0'])
    expect(span!.links).toHaveLength(3)
    // One cut sku, one dropped attribute, two dropped events, one dropped link.
    expect(decoded.truncated).toBe(1 + 1 + 2 + 1)
  })

  it('cuts span names and event names to the value limit too', () => {
    const limits = { ...DEFAULT_DECODE_LIMITS, maxAttributeValueLength: 9 }
    const decoded = decode([{ name: 'inventory.adjust', events: 1 }], limits)
    expect(decoded.spans[0]!.name).toBe('inventory')
    expect(decoded.truncated).toBe(1)
  })

  it('cuts attribute keys to the value limit as well', () => {
    const limits = { ...DEFAULT_DECODE_LIMITS, maxAttributeValueLength: 6 }
    const decoded = decode([{ name: 'stock', attributes: [['retail.sku', 'S1']] }], limits)
    expect(decoded.spans[0]!.attributes).toEqual({ retail: 'S1' })
    expect(decoded.truncated).toBe(1)
  })

  it('never cuts a surrogate pair in half', () => {
    const limits = { ...DEFAULT_DECODE_LIMITS, maxAttributeValueLength: 3 }
    expect(decode([{ attributes: [['e', 'ab😀😀']] }], limits).spans[0]!.attributes.e).toBe('ab')
  })

  it('flattens nesting past the depth limit to null and counts it', () => {
    const limits = { ...DEFAULT_DECODE_LIMITS, maxArrayDepth: 2 }
    expect(decode([{ nestedDepth: 2 }], limits).spans[0]!.attributes.nested).toBe('[["leaf"]]')
    const deep = decode([{ nestedDepth: 3 }], limits)
    expect(deep.spans[0]!.attributes.nested).toBe('[[null]]')
    expect(deep.truncated).toBe(1)
  })
})
