import { describe, it, expect } from 'vitest'
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { decodeJsonTraces } from './decode-json.ts'
import { decodeProtobufTraces } from './decode-protobuf.ts'
import { DecodeError } from './protobuf-reader.ts'
import { DEFAULT_DECODE_LIMITS } from './span-validation.ts'
import { expectedRecord, recordRetailSpans } from './retail-spans.fixture.ts'

const TRACE_ID = '5B8EFFF798038103D269B633813FC60C'
const SPAN_ID = 'EEE19B7EC3C1B174'

function decodeOne(span: Record<string, unknown>, request?: (span: Record<string, unknown>) => unknown) {
  const body = request?.(span) ?? {
    resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'pos-sync' }, spans: [span] }] }],
  }
  return decodeJsonTraces(JSON.stringify(body), DEFAULT_DECODE_LIMITS)
}

describe('decodeJsonTraces', () => {
  it("decodes the official JSON encoder's output to the same spans as its protobuf output", async () => {
    const spans = await recordRetailSpans()
    const text = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans))
    const fromJson = decodeJsonTraces(text, DEFAULT_DECODE_LIMITS)
    const fromProtobuf = decodeProtobufTraces(ProtobufTraceSerializer.serializeRequest(spans)!, DEFAULT_DECODE_LIMITS)
    // The JS JSON encoder writes Uint8Array values as objects, not base64, so bytes cannot round-trip through it.
    const withoutBytes = (record: { resource: Record<string, string> }) => ({
      ...record,
      resource: { ...record.resource, 'build.digest': '' },
    })
    expect(fromJson.spans.map(withoutBytes)).toEqual(fromProtobuf.spans.map(withoutBytes))
    expect(fromJson.spans.map(withoutBytes)).toEqual(spans.map((span) => withoutBytes(expectedRecord(span))))
    expect(fromJson.rejectedSpans).toBe(0)
  })

  it('accepts uppercase hex ids, enum names, snake_case fields and int64 as numbers or strings', () => {
    const { spans } = decodeOne({
      trace_id: TRACE_ID,
      span_id: SPAN_ID,
      parent_span_id: '0000000000000000',
      name: 'pos.sale',
      kind: 'SPAN_KIND_PRODUCER',
      start_time_unix_nano: '1760000000012345678',
      endTimeUnixNano: 1_760_000_001_000_000_000,
      status: { code: 'STATUS_CODE_ERROR', message: 'declined' },
      attributes: [
        { key: 'retail.amount', value: { double_value: '12.5' } },
        { key: 'huge', value: { intValue: '9223372036854775807' } },
        { key: 'small', value: { int_value: 42 } },
        { key: 'nan', value: { doubleValue: 'NaN' } },
        { key: 'raw', value: { bytesValue: '/wA=' } },
        { key: 'map', value: { kvlistValue: { values: [{ key: 'a', value: { arrayValue: { values: [{ boolValue: true }, {}] } } }] } } },
      ],
      events: [{ time_unix_nano: '5', name: 'receipt.printed', futureField: 1 }],
      links: [{ traceId: TRACE_ID, spanId: SPAN_ID, trace_state: 'a=b' }],
    })
    expect(spans[0]).toMatchObject({
      traceId: TRACE_ID.toLowerCase(),
      spanId: SPAN_ID.toLowerCase(),
      parentSpanId: '',
      kind: 'producer',
      statusCode: 'error',
      statusMessage: 'declined',
      startTimeUnixNano: 1_760_000_000_012_345_678n,
      endTimeUnixNano: 1_760_000_001_000_000_000n,
      attributes: { 'retail.amount': '12.5', huge: '9223372036854775807', small: '42', nan: 'NaN', raw: '/wA=', map: '{"a":[true,null]}' },
      events: [{ timeUnixNano: 5n, name: 'receipt.printed', attributes: {} }],
      links: [{ traceId: TRACE_ID.toLowerCase(), spanId: SPAN_ID.toLowerCase(), traceState: 'a=b', attributes: {} }],
      scopeName: 'pos-sync',
    })
  })

  it('reads unknown enum values as unspecified and unset, and wrong-typed fields as absent', () => {
    const { spans } = decodeOne({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      name: 'x',
      kind: 'SPAN_KIND_FUTURE',
      status: { code: 9 },
      startTimeUnixNano: 'soon',
      attributes: [{ key: 'k', value: { intValue: 'ten' } }],
    })
    expect(spans[0]).toMatchObject({ kind: 'unspecified', statusCode: 'unset', startTimeUnixNano: 0n, attributes: { k: '' } })
  })

  it('throws a DecodeError for malformed JSON and a wrong top-level shape', () => {
    expect(() => decodeJsonTraces('{"resourceSpans": [', DEFAULT_DECODE_LIMITS)).toThrow(DecodeError)
    expect(() => decodeJsonTraces('[]', DEFAULT_DECODE_LIMITS)).toThrow(/must be a JSON object/)
    expect(() => decodeJsonTraces('null', DEFAULT_DECODE_LIMITS)).toThrow(DecodeError)
    expect(() => decodeJsonTraces('{"resourceSpans": {}}', DEFAULT_DECODE_LIMITS)).toThrow(/resourceSpans must be an array/)
    expect(decodeJsonTraces('{}', DEFAULT_DECODE_LIMITS).spans).toEqual([])
  })
})
