import { describe, it, expect } from 'vitest'
import { encodeExportResponseJson, encodeExportResponseProtobuf, encodeStatusJson, encodeStatusProtobuf } from './encode-response.ts'
import { ProtobufReader } from './protobuf-reader.ts'

describe('encode-response', () => {
  it('writes an empty ExportTraceServiceResponse when every span was accepted', () => {
    expect(encodeExportResponseProtobuf(0, '')).toEqual(new Uint8Array(0))
    expect(encodeExportResponseJson(0, '')).toBe('{}')
  })

  it('writes partial_success with rejected_spans and error_message', () => {
    const bytes = encodeExportResponseProtobuf(3, 'span rejected: trace id is all zeros')
    const r = new ProtobufReader(bytes)
    expect(r.tag()).toBe(0x0a)
    const outer = r.enter()
    expect(r.tag()).toBe(0x08)
    expect(r.int64Text()).toBe('3')
    expect(r.tag()).toBe(0x12)
    expect(r.string()).toBe('span rejected: trace id is all zeros')
    r.leave(outer)
    expect(r.more()).toBe(false)
    expect(JSON.parse(encodeExportResponseJson(3, 'bad "ids"'))).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: 'bad "ids"' },
    })
  })

  it('writes google.rpc.Status in both encodings, with negative codes as int32 varints', () => {
    const r = new ProtobufReader(encodeStatusProtobuf(3, 'body is not an OTLP trace request'))
    expect(r.tag()).toBe(0x08)
    expect(r.int64Text()).toBe('3')
    expect(r.tag()).toBe(0x12)
    expect(r.string()).toBe('body is not an OTLP trace request')
    const negative = new ProtobufReader(encodeStatusProtobuf(-1, ''))
    negative.tag()
    expect(negative.int64Text()).toBe('-1')
    expect(JSON.parse(encodeStatusJson(8, 'slow down'))).toEqual({ code: 8, message: 'slow down' })
  })
})
