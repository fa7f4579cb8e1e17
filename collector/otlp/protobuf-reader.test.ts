import { describe, it, expect } from 'vitest'
import { DecodeError, ProtobufReader } from './protobuf-reader.ts'
import { ProtobufWriter } from './protobuf-writer.ts'

describe('ProtobufReader', () => {
  it('reads varints up to 64 bits and int64 text across the signed range', () => {
    const values = [0n, 1n, 127n, 128n, 300n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n - 1n, -1n, -(2n ** 63n)]
    const writer = new ProtobufWriter()
    for (const value of values) writer.varint(1, value)
    const r = new ProtobufReader(writer.finish())
    for (const value of values) {
      expect(r.tag()).toBe(8)
      expect(r.int64Text()).toBe(value.toString())
    }
    expect(r.more()).toBe(false)
  })

  it('reads fixed32, fixed64 and doubles little-endian', () => {
    const r = new ProtobufReader(
      new ProtobufWriter()
        .fixed32(1, 0xdeadbeef)
        .fixed64(2, 2n ** 64n - 1n)
        .double(3, -2.5)
        .finish(),
    )
    r.tag()
    expect(r.fixed32()).toBe(0xdeadbeef)
    r.tag()
    expect(r.fixed64()).toBe(2n ** 64n - 1n)
    r.tag()
    expect(r.double()).toBe(-2.5)
  })

  it('reads strings, replacing malformed UTF-8, on both the ASCII and the long path', () => {
    const long = 'ü'.repeat(100)
    const r = new ProtobufReader(
      new ProtobufWriter().string(1, 'order.placed').string(2, long).bytesField(3, Uint8Array.of(0x61, 0x80)).finish(),
    )
    r.tag()
    expect(r.string()).toBe('order.placed')
    r.tag()
    expect(r.string()).toBe(long)
    r.tag()
    expect(r.string()).toBe('a\uFFFD')
  })

  it('throws a DecodeError with the offset for truncated and over-long varints', () => {
    expect(() => new ProtobufReader(Uint8Array.of(0x80, 0x80)).varint()).toThrow(new DecodeError('truncated varint', 2))
    expect(() => new ProtobufReader(new Uint8Array(11).fill(0xff)).varint()).toThrow(/varint longer than 10 bytes at byte 0/)
    expect(() => new ProtobufReader(new Uint8Array(11).fill(0xff)).int64Text()).toThrow(/varint longer than 10 bytes at byte 0/)
  })

  it('checks a declared length against the bytes of the enclosing message, not the whole buffer', () => {
    const r = new ProtobufReader(Uint8Array.of(0x0a, 0x02, 0x12, 0x05, 1, 2, 3, 4, 5))
    r.tag()
    r.enter()
    r.tag()
    expect(() => r.length()).toThrow(/declared length 5 exceeds the 0 bytes left at byte 3/)
  })

  it('rejects field number 0, tags wider than 32 bits, groups and reserved wire types', () => {
    expect(() => new ProtobufReader(Uint8Array.of(0x02)).tag()).toThrow(/invalid field tag 2 at byte 0/)
    expect(() => new ProtobufReader(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x10)).tag()).toThrow(/invalid field tag/)
    expect(() => new ProtobufReader(new Uint8Array(0)).skip(3)).toThrow(/group wire type is not supported/)
    expect(() => new ProtobufReader(new Uint8Array(0)).skip(4)).toThrow(/group wire type is not supported/)
    expect(() => new ProtobufReader(new Uint8Array(0)).skip(6)).toThrow(/invalid wire type 6/)
  })

  it('skips fields of every supported wire type, failing on truncated fixed fields', () => {
    const bytes = new ProtobufWriter()
      .varint(1, 2n ** 63n)
      .fixed64(2, 1n)
      .string(3, 'skip me')
      .fixed32(4, 1)
      .finish()
    const r = new ProtobufReader(bytes)
    while (r.more()) r.skip(r.tag() & 7)
    expect(r.pos).toBe(bytes.length)
    const truncated = new ProtobufReader(Uint8Array.of(0x09, 1, 2, 3))
    truncated.tag()
    expect(() => truncated.skip(1)).toThrow(/truncated 8-byte fixed field at byte 1/)
  })
})
