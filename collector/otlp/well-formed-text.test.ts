import { describe, expect, it } from 'vitest'
import { decodeJsonTraces } from './decode-json.ts'
import { decodeProtobufTraces } from './decode-protobuf.ts'
import { ProtobufWriter } from './protobuf-writer.ts'
import { wellFormed } from './well-formed-text.ts'

const TRACE_ID = '0102030405060708090a0b0c0d0e0f10'
const SPAN_ID = 'a0a1a2a3a4a5a6a7'

const jsonRequest = (span: object, resource: object[] = []): string =>
  JSON.stringify({
    resourceSpans: [{ resource: { attributes: resource }, scopeSpans: [{ spans: [{ traceId: TRACE_ID, spanId: SPAN_ID, ...span }] }] }],
  })

describe('well-formed text', () => {
  it('replaces lone surrogates and NUL, and leaves whole surrogate pairs alone', () => {
    expect(wellFormed('cut \ud83d')).toBe('cut \ufffd')
    expect(wellFormed('\udc00 first')).toBe('\ufffd first')
    expect(wellFormed('a\0b')).toBe('a\ufffdb')
    expect(wellFormed('whole 😀')).toBe('whole 😀')
  })

  it('makes every JSON text a span carries well-formed: name, keys, values, status, events, resource', () => {
    const decoded = decodeJsonTraces(
      jsonRequest(
        {
          name: 'checkout \ud83d',
          attributes: [
            { key: 'note\ud800', value: { stringValue: 'x\u0000y' } },
            { key: 'list', value: { arrayValue: { values: [{ stringValue: '\udc00' }] } } },
          ],
          status: { code: 2, message: 'failed \ud83d' },
          events: [{ name: 'retry \udfff', timeUnixNano: '1' }],
        },
        [{ key: 'service.name', value: { stringValue: 'pos\ud83d' } }],
      ),
    )
    const [span] = decoded.spans
    expect(span!.name).toBe('checkout \ufffd')
    expect(span!.attributes).toEqual({ 'note\ufffd': 'x\ufffdy', list: '["\\udc00"]' })
    expect(span!.statusMessage).toBe('failed \ufffd')
    expect(span!.events[0]!.name).toBe('retry \ufffd')
    expect(span!.resource['service.name']).toBe('pos\ufffd')
    // What the spool will write must be JSON the engine parses: no lone surrogate escapes.
    expect(JSON.stringify(span, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))).not.toMatch(
      /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i,
    )
  })

  it('replaces NUL bytes in protobuf strings, short and long', () => {
    const long = `${'x'.repeat(100)}\0`
    const span = new ProtobufWriter()
      .bytesField(1, Buffer.from(TRACE_ID, 'hex'))
      .bytesField(2, Buffer.from(SPAN_ID, 'hex'))
      .string(5, 'a\0b')
      .message(9, new ProtobufWriter().string(1, 'long').message(2, new ProtobufWriter().string(1, long)))
    const bytes = new ProtobufWriter().message(1, new ProtobufWriter().message(2, new ProtobufWriter().message(2, span))).finish()
    const [decoded] = decodeProtobufTraces(bytes).spans
    expect(decoded!.name).toBe('a\ufffdb')
    expect(decoded!.attributes.long).toBe(`${'x'.repeat(100)}\ufffd`)
  })

  it('refuses integer text longer than an int64 without parsing it, and values outside the range', () => {
    const attribute = (intValue: unknown) =>
      decodeJsonTraces(jsonRequest({ name: 'n', attributes: [{ key: 'i', value: { intValue } }] })).spans[0]!.attributes.i
    expect(attribute('9'.repeat(1_000_000))).toBe('')
    expect(attribute('18446744073709551616')).toBe('')
    expect(attribute('-9223372036854775808')).toBe('-9223372036854775808')
    expect(attribute(1e300)).toBe('')
    expect(attribute('000000000000000000000000000000042')).toBe('')
    expect(attribute('0042')).toBe('42')
  })
})
