/**
 * Segment files on disk: their names, the file operations the spool uses (behind a small seam so
 * tests can make a disk fail or fill up), and reading whole frames from a byte range.
 */
import { open, readdir } from 'node:fs/promises'
import path from 'node:path'
import { FRAME_HEADER_BYTES, FRAME_MAGIC_BYTES, readFrame, type SpoolRecord } from './record-frame.ts'

/** The file operations the spool performs on a segment; node's FileHandle has them all. */
export interface SpoolFile {
  writev(buffers: readonly NodeJS.ArrayBufferView[], position: number): Promise<{ bytesWritten: number }>
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>
  datasync(): Promise<void>
  truncate(length: number): Promise<void>
  stat(): Promise<{ size: number }>
  close(): Promise<void>
}

/** Opens segment files; tests substitute one whose disk fails or fills up. */
export interface SpoolIo {
  open(file: string, flags: 'r' | 'r+' | 'wx'): Promise<SpoolFile>
}

/** The real file system. */
export const NODE_SPOOL_IO: SpoolIo = { open: (file, flags) => open(file, flags) }

const SEGMENT = /^(\d{16})\.segment$/

/** The file of segment `seq`; zero-padded so names sort as numbers do. */
export function segmentPath(dir: string, seq: number): string {
  return path.join(dir, `${String(seq).padStart(16, '0')}.segment`)
}

/** Sequence numbers of the segments in a directory, oldest first. */
export async function listSegments(dir: string): Promise<number[]> {
  const names = await readdir(dir)
  return names
    .flatMap((name) => {
      const match = SEGMENT.exec(name)
      return match ? [Number(match[1])] : []
    })
    .sort((a, b) => a - b)
}

/** Makes a directory's entries (a created, renamed or removed file) survive a crash. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** A record and the segment offset just past its frame. */
export interface FramedRecord {
  readonly record: SpoolRecord
  readonly end: number
}

/** Whole records read from a range, and why reading stopped. */
export interface FrameRun {
  readonly records: readonly FramedRecord[]
  /** The offset after the last whole record. */
  readonly end: number
  /**
   * `limit`: a count or byte limit was reached, more may follow; `end`: the range is exhausted;
   * `torn`: a frame runs past the range's end; `corrupt`: the bytes at `end` are not a frame.
   */
  readonly stop: 'limit' | 'end' | 'torn' | 'corrupt'
  readonly reason?: string
}

/** Reads up to `length` bytes at `position`; fewer only at the end of the file. */
export async function readAt(file: SpoolFile, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length)
  let filled = 0
  while (filled < length) {
    const { bytesRead } = await file.read(buffer, filled, length - filled, position + filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return filled === length ? buffer : buffer.subarray(0, filled)
}

/**
 * Reads whole frames in [from, to): at most `maxRecords`, and no more than `maxBytes` unless the
 * first frame alone is larger (it is then read by itself, so a big record never blocks the spool).
 */
export async function readFrames(file: SpoolFile, from: number, to: number, maxRecords: number, maxBytes: number): Promise<FrameRun> {
  if (from >= to) return { records: [], end: from, stop: 'end' }
  const chunk = await readAt(file, from, Math.min(to - from, Math.max(maxBytes, FRAME_HEADER_BYTES)))
  const records: FramedRecord[] = []
  let at = 0
  for (;;) {
    if (records.length >= maxRecords) return { records, end: from + at, stop: 'limit' }
    if (from + at >= to) return { records, end: from + at, stop: 'end' }
    const frame = readFrame(chunk, at)
    if (frame.kind === 'corrupt') return { records, end: from + at, stop: 'corrupt', reason: frame.reason }
    if (frame.kind === 'record') {
      at += frame.bytes
      records.push({ record: frame.record, end: from + at })
      continue
    }
    // An unfinished frame that cannot finish inside the range is a torn write.
    const runsPastRange = from + chunk.length >= to || (frame.bytes !== undefined && from + at + frame.bytes > to)
    if (runsPastRange) return { records, end: from + at, stop: 'torn' }
    if (records.length > 0) return { records, end: from + at, stop: 'limit' }
    if (frame.bytes === undefined) return { records, end: from, stop: 'torn' }
    // The first frame is larger than the byte limit: read it alone.
    const whole = await readAt(file, from, frame.bytes)
    const single = readFrame(whole, 0)
    if (single.kind === 'record')
      return { records: [{ record: single.record, end: from + single.bytes }], end: from + single.bytes, stop: 'limit' }
    return {
      records: [],
      end: from,
      stop: single.kind === 'corrupt' ? 'corrupt' : 'torn',
      ...(single.kind === 'corrupt' ? { reason: single.reason } : {}),
    }
  }
}

/** Bytes searched at a time for the next frame after damaged ones. */
const SEARCH_CHUNK_BYTES = 1024 * 1024

/**
 * The offset of the first whole, checksummed frame in [from, to), or undefined when there is
 * none: where reading resumes after bytes that are not a frame, so damage in the middle of a
 * segment costs the damaged frame and not the frames after it.
 */
export async function findNextFrame(file: SpoolFile, from: number, to: number): Promise<number | undefined> {
  for (let position = from; position < to; position += SEARCH_CHUNK_BYTES) {
    // Overlap the next chunk by the magic's length less one, so a marker across the boundary is seen.
    const chunk = await readAt(file, position, Math.min(to - position, SEARCH_CHUNK_BYTES + FRAME_MAGIC_BYTES.length - 1))
    for (let at = chunk.indexOf(FRAME_MAGIC_BYTES); at !== -1 && at < SEARCH_CHUNK_BYTES; at = chunk.indexOf(FRAME_MAGIC_BYTES, at + 1)) {
      const candidate = position + at
      const run = await readFrames(file, candidate, to, 1, FRAME_HEADER_BYTES)
      if (run.records.length === 1) return candidate
    }
  }
  return undefined
}
