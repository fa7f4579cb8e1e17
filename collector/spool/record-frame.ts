/**
 * How one spool record sits in a segment file:
 *
 *   magic u32 | body length u32 | CRC-32 of (body length, body) u32 | body
 *   body = tenant length u16 | tenant | request id length u16 | request id | payload
 *
 * little-endian. A crash can leave the last frame of a segment torn (short, or with bytes the
 * disk never wrote); the length and CRC detect both, so replay drops it instead of reading half a
 * record. The magic also refuses a zero-filled tail, whose empty CRC would otherwise match.
 */
import { crc32 } from './crc32.ts'

/** Bytes before a frame's body. */
export const FRAME_HEADER_BYTES = 12

/** The largest body a frame may claim; a larger length is corruption, not a record. */
const MAX_FRAME_BODY_BYTES = 512 * 1024 * 1024

const MAGIC = 0x314c5054 // "TPL1"
/** The magic as it lies on disk, for finding the next frame after damaged bytes. */
export const FRAME_MAGIC_BYTES = Buffer.from([0x54, 0x50, 0x4c, 0x31])
const MIN_BODY_BYTES = 4

/** One request as the spool keeps it: whose it is, its identity, and opaque bytes. */
export interface SpoolRecord {
  readonly tenant: string
  /** Identifies the request's content, so storage can recognise a retried or replayed one. */
  readonly requestId: string
  readonly payload: Uint8Array
}

/** A record encoded for writing, in parts so the payload is never copied. */
export interface EncodedFrame {
  readonly parts: readonly Uint8Array[]
  readonly bytes: number
}

/** Encodes a record as a frame. */
export function encodeFrame(record: SpoolRecord): EncodedFrame {
  const tenant = Buffer.from(record.tenant, 'utf8')
  const requestId = Buffer.from(record.requestId, 'utf8')
  if (tenant.length > 0xffff || requestId.length > 0xffff) throw new RangeError('tenant and request id must each be under 64 KiB')
  const head = Buffer.allocUnsafe(FRAME_HEADER_BYTES + 2 + tenant.length + 2 + requestId.length)
  const bodyLength = head.length - FRAME_HEADER_BYTES + record.payload.byteLength
  if (bodyLength > MAX_FRAME_BODY_BYTES) throw new RangeError(`a spool record holds at most ${MAX_FRAME_BODY_BYTES} bytes`)
  head.writeUInt32LE(MAGIC, 0)
  head.writeUInt32LE(bodyLength, 4)
  let at = FRAME_HEADER_BYTES
  at = head.writeUInt16LE(tenant.length, at)
  at += tenant.copy(head, at)
  at = head.writeUInt16LE(requestId.length, at)
  requestId.copy(head, at)
  let crc = crc32(head.subarray(4, 8))
  crc = crc32(head.subarray(FRAME_HEADER_BYTES), crc)
  crc = crc32(record.payload, crc)
  head.writeUInt32LE(crc, 8)
  return { parts: [head, record.payload], bytes: head.length + record.payload.byteLength }
}

/** What lies at an offset of a buffer read from a segment. */
export type FrameRead =
  | { readonly kind: 'record'; readonly record: SpoolRecord; readonly bytes: number }
  /** The frame goes on past the buffer; `bytes` is its whole size when the header was readable. */
  | { readonly kind: 'incomplete'; readonly bytes?: number }
  | { readonly kind: 'corrupt'; readonly reason: string }

/** Reads the frame at `offset`; the record's payload is a view into `buffer`, not a copy. */
export function readFrame(buffer: Buffer, offset: number): FrameRead {
  const available = buffer.length - offset
  if (available < FRAME_HEADER_BYTES) return { kind: 'incomplete' }
  if (buffer.readUInt32LE(offset) !== MAGIC) return { kind: 'corrupt', reason: 'no frame marker' }
  const bodyLength = buffer.readUInt32LE(offset + 4)
  if (bodyLength < MIN_BODY_BYTES || bodyLength > MAX_FRAME_BODY_BYTES)
    return { kind: 'corrupt', reason: `impossible frame length ${bodyLength}` }
  const size = FRAME_HEADER_BYTES + bodyLength
  if (available < size) return { kind: 'incomplete', bytes: size }
  const body = buffer.subarray(offset + FRAME_HEADER_BYTES, offset + size)
  const expected = buffer.readUInt32LE(offset + 8)
  if (crc32(body, crc32(buffer.subarray(offset + 4, offset + 8))) !== expected) return { kind: 'corrupt', reason: 'checksum mismatch' }
  const tenantLength = body.readUInt16LE(0)
  const requestIdAt = 2 + tenantLength
  if (requestIdAt + 2 > body.length) return { kind: 'corrupt', reason: 'tenant runs past the frame' }
  const requestIdLength = body.readUInt16LE(requestIdAt)
  const payloadAt = requestIdAt + 2 + requestIdLength
  if (payloadAt > body.length) return { kind: 'corrupt', reason: 'request id runs past the frame' }
  return {
    kind: 'record',
    bytes: size,
    record: {
      tenant: body.toString('utf8', 2, requestIdAt),
      requestId: body.toString('utf8', requestIdAt + 2, payloadAt),
      payload: body.subarray(payloadAt),
    },
  }
}
