/**
 * CRC-32 (IEEE, as zlib and gzip compute it) over bytes, for spool frames. Node has it natively
 * from 20.15; earlier 20.x releases get the table-driven version, which gives the same values.
 */
import zlib from 'node:zlib'

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32

let table: Uint32Array | undefined

function crcTable(): Uint32Array {
  const built = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    built[n] = c >>> 0
  }
  return built
}

/** The table-driven CRC-32, continuing from `value` (0 to start). Exported so tests compare both. */
export function crc32Portable(data: Uint8Array, value = 0): number {
  table ??= crcTable()
  let crc = ~value >>> 0
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8)
  return ~crc >>> 0
}

/** CRC-32 of `data`, continuing from `value` (0 to start), so a frame is checked in pieces without a copy. */
export function crc32(data: Uint8Array, value = 0): number {
  return native ? native(data, value) : crc32Portable(data, value)
}
