/**
 * A minimal protobuf wire-format writer. The receiver only writes tiny responses, so it favours
 * plainness over speed; tests also use it to build requests the official encoder would never send.
 */
import { WireType } from './protobuf-reader.ts'

const utf8 = new TextEncoder()

/** Builds one protobuf message field by field. */
export class ProtobufWriter {
  private readonly bytes: number[] = []

  /** Writes a varint field from a non-negative integer or a (possibly negative) int64 bigint. */
  varint(field: number, value: number | bigint): this {
    this.tag(field, WireType.varint)
    this.rawVarint(BigInt.asUintN(64, BigInt(value)))
    return this
  }

  /** Writes a length-delimited field holding UTF-8 text. */
  string(field: number, value: string): this {
    return this.bytesField(field, utf8.encode(value))
  }

  /** Writes a length-delimited field holding raw bytes (ids, nested messages already encoded). */
  bytesField(field: number, value: Uint8Array): this {
    this.tag(field, WireType.lengthDelimited)
    this.rawVarint(BigInt(value.length))
    for (const byte of value) this.bytes.push(byte)
    return this
  }

  /** Writes a nested message field. */
  message(field: number, nested: ProtobufWriter): this {
    return this.bytesField(field, nested.finish())
  }

  /** Writes a little-endian fixed64 field. */
  fixed64(field: number, value: bigint): this {
    this.tag(field, WireType.fixed64)
    const view = new DataView(new ArrayBuffer(8))
    view.setBigUint64(0, BigInt.asUintN(64, value), true)
    for (let i = 0; i < 8; i++) this.bytes.push(view.getUint8(i))
    return this
  }

  /** Writes a little-endian double field. */
  double(field: number, value: number): this {
    this.tag(field, WireType.fixed64)
    const view = new DataView(new ArrayBuffer(8))
    view.setFloat64(0, value, true)
    for (let i = 0; i < 8; i++) this.bytes.push(view.getUint8(i))
    return this
  }

  /** Writes a little-endian fixed32 field. */
  fixed32(field: number, value: number): this {
    this.tag(field, WireType.fixed32)
    const view = new DataView(new ArrayBuffer(4))
    view.setUint32(0, value >>> 0, true)
    for (let i = 0; i < 4; i++) this.bytes.push(view.getUint8(i))
    return this
  }

  /** Writes a field tag alone, for tests of malformed or unusual wire types. */
  tag(field: number, wireType: number): this {
    this.rawVarint(BigInt(field) * 8n + BigInt(wireType))
    return this
  }

  /** The message's bytes so far. */
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes)
  }

  private rawVarint(value: bigint): void {
    while (value >= 0x80n) {
      this.bytes.push(Number(value & 0x7fn) | 0x80)
      value >>= 7n
    }
    this.bytes.push(Number(value))
  }
}
