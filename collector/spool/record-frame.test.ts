import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32, crc32Portable } from './crc32.ts'
import { encodeFrame, FRAME_HEADER_BYTES, readFrame } from './record-frame.ts'

const record = { tenant: 'acme', requestId: 'req-ü-1', payload: Buffer.from('{"SpanId":"a"}\n{"SpanId":"b"}\n') }
const framed = (): Buffer => Buffer.concat(encodeFrame(record).parts)

describe('spool record frame', () => {
  it('reads back the record it wrote, with its size', () => {
    const bytes = framed()
    const read = readFrame(bytes, 0)
    expect(read).toMatchObject({ kind: 'record', bytes: bytes.length, record: { tenant: 'acme', requestId: 'req-ü-1' } })
    expect(read.kind === 'record' && Buffer.from(read.record.payload).toString()).toBe(record.payload.toString())
  })

  it('reads frames one after another from one buffer', () => {
    const two = Buffer.concat([framed(), framed()])
    const first = readFrame(two, 0)
    expect(first.kind).toBe('record')
    expect(readFrame(two, first.kind === 'record' ? first.bytes : 0).kind).toBe('record')
  })

  it('calls a frame cut short incomplete, knowing its full size once the header is there', () => {
    const bytes = framed()
    expect(readFrame(bytes.subarray(0, 5), 0)).toEqual({ kind: 'incomplete' })
    expect(readFrame(bytes.subarray(0, bytes.length - 1), 0)).toEqual({ kind: 'incomplete', bytes: bytes.length })
  })

  it('refuses a flipped bit, a zero-filled tail and an impossible length', () => {
    const flipped = framed()
    flipped[flipped.length - 3]! ^= 0x01
    expect(readFrame(flipped, 0)).toMatchObject({ kind: 'corrupt', reason: 'checksum mismatch' })
    expect(readFrame(Buffer.alloc(64), 0)).toMatchObject({ kind: 'corrupt' })
    const huge = framed()
    huge.writeUInt32LE(0xffffffff, 4)
    expect(readFrame(huge, 0)).toMatchObject({ kind: 'corrupt' })
  })

  it('checksums as zlib does, natively or not, also in pieces', () => {
    const data = Buffer.from('throughline spool frame ✓'.repeat(50))
    expect(crc32Portable(data)).toBe(zlib.crc32(data))
    expect(crc32(data.subarray(7), crc32(data.subarray(0, 7)))).toBe(zlib.crc32(data))
    expect(FRAME_HEADER_BYTES).toBe(12)
  })
})
