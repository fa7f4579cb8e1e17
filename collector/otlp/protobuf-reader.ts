/**
 * A protobuf wire-format reader over one Uint8Array. It is a cursor with a moving limit rather
 * than a tree of sub-readers, so decoding a nested message costs two integers, not an object.
 * Every read is bounds-checked against the limit of the message being read, so a declared length
 * never makes it allocate or read beyond the bytes that are actually there.
 */
import { decodeUtf8 } from './utf8-text.ts'

/** Protobuf wire types (the low three bits of a field tag). */
export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const

/** Input that is not a well-formed message; the message names the problem and the byte offset. */
export class DecodeError extends Error {
  /** Byte offset (protobuf) or character offset (JSON) of the problem, when known. */
  readonly offset: number | undefined

  constructor(message: string, offset?: number) {
    super(offset === undefined ? message : `${message} at byte ${offset}`)
    this.name = 'DecodeError'
    this.offset = offset
  }
}

const TWO_POW_32 = 4294967296
// Below this high word a 64-bit value is under 2^53 and fits a double exactly.
const SAFE_HIGH_WORD = 0x200000

/** A bounds-checked cursor over a protobuf message and the messages nested inside it. */
export class ProtobufReader {
  /** The whole input; decoders read bytes from it directly between `pos` and `limit`. */
  readonly buf: Uint8Array
  /** Offset of the next unread byte. */
  pos = 0
  /** End of the message currently being read. */
  limit: number
  /** A DataView over `buf`, for fixed-width reads. */
  readonly view: DataView

  constructor(buf: Uint8Array) {
    // A Buffer's subarray builds another Buffer, several times slower than a plain view's.
    this.buf = Object.getPrototypeOf(buf) === Uint8Array.prototype ? buf : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
    this.limit = buf.length
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  }

  /** Whether the current message has unread bytes. */
  more(): boolean {
    return this.pos < this.limit
  }

  /** Reads a field tag, rejecting field number 0 and tags wider than 32 bits. */
  tag(): number {
    const at = this.pos
    // Fields 1 to 15 have one-byte tags; this path is most of the reads of a request.
    if (at < this.limit) {
      const first = this.buf[at]!
      if (first < 0x80 && first >= 8) {
        this.pos = at + 1
        return first
      }
    }
    const tag = this.varint()
    if (tag > 0xffffffff || tag >>> 3 === 0) throw new DecodeError(`invalid field tag ${tag}`, at)
    return tag >>> 0
  }

  /**
   * Reads a varint as a double: exact below 2^53, which covers tags, lengths, enums and counts.
   * Larger values come back approximate, which is enough for them to fail any length check.
   */
  varint(): number {
    const buf = this.buf
    let pos = this.pos
    if (pos < this.limit) {
      const first = buf[pos]!
      if (first < 0x80) {
        this.pos = pos + 1
        return first
      }
    }
    let result = 0
    let scale = 1
    for (let i = 0; i < 10; i++) {
      if (pos >= this.limit) throw new DecodeError('truncated varint', pos)
      const byte = buf[pos++]!
      result += (byte & 0x7f) * scale
      if (byte < 0x80) {
        this.pos = pos
        return result
      }
      scale *= 128
    }
    throw new DecodeError('varint longer than 10 bytes', this.pos)
  }

  /** Reads an int64 varint as exact decimal text (BigInt only beyond 2^53). */
  int64Text(): string {
    const buf = this.buf
    const start = this.pos
    let low = 0
    let high = 0
    let pos = start
    for (let i = 0; i < 10; i++) {
      if (pos >= this.limit) throw new DecodeError('truncated varint', pos)
      const bits = buf[pos++]! & 0x7f
      if (i < 4) low |= bits << (7 * i)
      else if (i === 4) {
        low |= bits << 28
        high = bits >>> 4
      } else high |= bits << (7 * i - 32)
      if (buf[pos - 1]! < 0x80) {
        this.pos = pos
        return int64ToText(low >>> 0, high >>> 0)
      }
    }
    throw new DecodeError('varint longer than 10 bytes', start)
  }

  /** Reads a little-endian fixed64 as an unsigned bigint (timestamps). */
  fixed64(): bigint {
    const at = this.need(8)
    return this.view.getBigUint64(at, true)
  }

  /** Reads a little-endian fixed32 as an unsigned number (span flags). */
  fixed32(): number {
    const at = this.need(4)
    return this.view.getUint32(at, true)
  }

  /** Reads a little-endian IEEE 754 double. */
  double(): number {
    const at = this.need(8)
    return this.view.getFloat64(at, true)
  }

  /** Reads a length prefix and checks that many bytes follow inside the current message. */
  length(): number {
    const at = this.pos
    const len = this.varint()
    if (len > this.limit - this.pos) {
      throw new DecodeError(`declared length ${len} exceeds the ${this.limit - this.pos} bytes left`, at)
    }
    return len
  }

  /** Reads a length-delimited UTF-8 string; malformed UTF-8 becomes U+FFFD. */
  string(): string {
    const len = this.length()
    const start = this.pos
    this.pos = start + len
    return decodeUtf8(this.buf, this.view, start, start + len)
  }

  /**
   * Enters a length-delimited sub-message and returns the enclosing limit, to be handed back to
   * `leave` once the sub-message's fields are read.
   */
  enter(): number {
    const len = this.length()
    const outer = this.limit
    this.limit = this.pos + len
    return outer
  }

  /** Leaves a sub-message entered with `enter`, checking its fields ended exactly at its end. */
  leave(outer: number): void {
    // Reads never pass the limit, so this only guards a decoder that stopped reading early.
    if (this.pos !== this.limit) throw new DecodeError('sub-message left before its end', this.pos)
    this.limit = outer
  }

  /** Skips a length-delimited field's length prefix and contents. */
  skipLengthDelimited(): void {
    const len = this.length()
    this.pos += len
  }

  /** Skips one field of any wire type; groups are a deprecated proto2 feature OTLP never uses. */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint:
        this.varint()
        return
      case WireType.fixed64:
        this.need(8)
        return
      case WireType.lengthDelimited:
        this.skipLengthDelimited()
        return
      case WireType.fixed32:
        this.need(4)
        return
      case WireType.startGroup:
      case WireType.endGroup:
        throw new DecodeError('group wire type is not supported', this.pos)
      default:
        throw new DecodeError(`invalid wire type ${wireType}`, this.pos)
    }
  }

  /** Advances past `size` bytes and returns where they start. */
  private need(size: number): number {
    const at = this.pos
    if (this.limit - at < size) throw new DecodeError(`truncated ${size}-byte fixed field`, at)
    this.pos = at + size
    return at
  }
}

/** Formats a two's-complement 64-bit integer given as two unsigned 32-bit words. */
function int64ToText(low: number, high: number): string {
  if (high < SAFE_HIGH_WORD) return String(high * TWO_POW_32 + low)
  // Negative numbers within 2^53 still fit a double exactly.
  if (high >= 0xffe00000) return String(-((0xffffffff - high) * TWO_POW_32 + (TWO_POW_32 - low)))
  return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low)).toString()
}
