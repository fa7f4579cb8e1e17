/**
 * The drain's cursor: how far storage has acknowledged the spool, and the end of the batch being
 * stored right now. Written to a temporary file, fsync'd and renamed over the old one, so a crash
 * leaves either the old cursor or the new one, never a mix. Keeping the batch's end lets a replay
 * re-send exactly the same batch, which storage then recognises by its identity.
 */
import { open, readFile, rename } from 'node:fs/promises'
import path from 'node:path'
import { syncDirectory } from './segment-files.ts'

/** A place in the spool: a segment and a byte offset in it. */
export interface SpoolPosition {
  readonly segment: number
  readonly offset: number
}

/** What the cursor file holds. */
export interface CursorState {
  /** Everything before this is stored. */
  readonly acked: SpoolPosition
  /** The end of the batch handed to storage and not yet acknowledged, if any. */
  readonly pending?: SpoolPosition
}

const FILE = 'cursor.json'

/** Orders two positions: negative when `a` comes first. */
export function comparePositions(a: SpoolPosition, b: SpoolPosition): number {
  return a.segment === b.segment ? a.offset - b.offset : a.segment - b.segment
}

function isPosition(value: unknown): value is SpoolPosition {
  const candidate = value as Partial<SpoolPosition> | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Number.isSafeInteger(candidate.segment) &&
    Number.isSafeInteger(candidate.offset) &&
    candidate.segment! >= 0 &&
    candidate.offset! >= 0
  )
}

/** The saved cursor, or undefined when there is none or it cannot be read (then all is replayed). */
export async function readCursor(dir: string): Promise<CursorState | undefined> {
  let text: string
  try {
    text = await readFile(path.join(dir, FILE), 'utf8')
  } catch {
    return undefined
  }
  try {
    const parsed = JSON.parse(text) as { acked?: unknown; pending?: unknown }
    if (!isPosition(parsed.acked)) return undefined
    return isPosition(parsed.pending) && comparePositions(parsed.pending, parsed.acked) > 0
      ? { acked: parsed.acked, pending: parsed.pending }
      : { acked: parsed.acked }
  } catch {
    return undefined
  }
}

/** Saves the cursor durably (temporary file, fsync, rename, directory fsync). */
export async function writeCursor(dir: string, state: CursorState): Promise<void> {
  const temporary = path.join(dir, `${FILE}.tmp`)
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(JSON.stringify(state))
    await handle.datasync()
  } finally {
    await handle.close()
  }
  await rename(temporary, path.join(dir, FILE))
  await syncDirectory(dir)
}
