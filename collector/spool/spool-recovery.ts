/**
 * What the spool does on start, before it takes a single append: read the cursor, delete
 * segments it has passed, scan every remaining segment for its last whole frame and cut off a
 * torn tail left by a crash. Whatever lies between the cursor and those ends is replayed.
 */
import { mkdir, rm } from 'node:fs/promises'
import { readCursor, type CursorState } from './cursor-file.ts'
import { findNextFrame, listSegments, readFrames, segmentPath, type SpoolIo } from './segment-files.ts'
import { SegmentLedger } from './segment-ledger.ts'
import type { SpoolEvent } from './spool-events.ts'

/** Read size while scanning; records are counted, not kept. */
const SCAN_CHUNK_BYTES = 8 * 1024 * 1024

/** The spool's state after a start. */
export interface RecoveredSpool {
  readonly ledger: SegmentLedger
  /** Where the drain resumes. */
  readonly start: CursorState
  /** The first segment the writer may create. */
  readonly nextSegment: number
  /** Bytes and records found that storage has not acknowledged. */
  readonly unackedBytes: number
  readonly unackedRecords: number
}

/**
 * Scans one segment from `from`; truncates it after its last whole frame. Bytes that are not a
 * frame but have whole frames after them are damage, not a torn write: they are left for the
 * drain, which quarantines them and resumes at the next frame.
 */
async function recoverSegment(
  dir: string,
  io: SpoolIo,
  segment: number,
  from: number,
  report: (event: SpoolEvent) => void,
): Promise<{ end: number; records: number }> {
  const file = await io.open(segmentPath(dir, segment), 'r+')
  try {
    const { size } = await file.stat()
    let offset = Math.min(from, size)
    let records = 0
    for (;;) {
      const run = await readFrames(file, offset, size, Number.POSITIVE_INFINITY, SCAN_CHUNK_BYTES)
      records += run.records.length
      offset = run.end
      if (run.stop === 'limit') continue
      const resume = offset < size ? await findNextFrame(file, offset + 1, size) : undefined
      if (resume !== undefined) {
        offset = resume
        continue
      }
      if (offset < size) {
        await file.truncate(offset)
        await file.datasync()
        report({ kind: 'torn_tail', segment, droppedBytes: size - offset, reason: run.reason ?? run.stop })
      }
      return { end: offset, records }
    }
  } finally {
    await file.close()
  }
}

/** Brings the spool directory to a consistent state and says what to replay. */
export async function recoverSpool(dir: string, io: SpoolIo, report: (event: SpoolEvent) => void): Promise<RecoveredSpool> {
  await mkdir(dir, { recursive: true })
  const segments = await listSegments(dir)
  const saved = await readCursor(dir)
  const nextSegment = Math.max(segments.at(-1) ?? 0, saved?.acked.segment ?? 0) + 1
  const acked = saved?.acked ?? { segment: segments[0] ?? nextSegment, offset: 0 }
  const ledger = new SegmentLedger()
  let unackedBytes = 0
  let unackedRecords = 0
  for (const segment of segments) {
    if (segment < acked.segment) {
      // Drained before the crash; its deletion just had not happened yet.
      await rm(segmentPath(dir, segment), { force: true })
      continue
    }
    const from = segment === acked.segment ? acked.offset : 0
    const { end, records } = await recoverSegment(dir, io, segment, from, report)
    ledger.add(segment, end, true)
    unackedBytes += Math.max(0, end - from)
    unackedRecords += records
  }
  if (unackedRecords > 0) report({ kind: 'replaying', records: unackedRecords, bytes: unackedBytes })
  return { ledger, start: saved ? { ...saved, acked } : { acked }, nextSegment, unackedBytes, unackedRecords }
}
