/**
 * Group commit: appends queue up while the previous group is being written, and the whole queue
 * then goes to the segment in one write and one fsync. Under load one fsync serves many requests,
 * so throughput follows the disk's bandwidth rather than its fsync latency; under light load a
 * lone append is written at once. The writer rolls to a new segment once the current one passes
 * its size, and after any write error, so a half-written group is never followed by new frames.
 */
import { err, ok, type Result } from '../../core/index.ts'
import type { EncodedFrame } from './record-frame.ts'
import { segmentPath, syncDirectory, type SpoolFile, type SpoolIo } from './segment-files.ts'
import type { SegmentLedger } from './segment-ledger.ts'
import type { SpoolEvent } from './spool-events.ts'

/** How one append ended: on disk, or refused with the file system's error. */
export type WriteOutcome = Result<void, NodeJS.ErrnoException>

/** What the writer needs. */
export interface GroupWriterOptions {
  readonly dir: string
  readonly io: SpoolIo
  readonly ledger: SegmentLedger
  /** The segment to create first: one past every segment already on disk. */
  readonly firstSegment: number
  readonly segmentBytes: number
  readonly report: (event: SpoolEvent) => void
  /** Called after each durable group, so the drain can read it. */
  readonly onDurable: (bytes: number) => void
}

interface QueuedAppend {
  readonly frame: EncodedFrame
  readonly done: (outcome: WriteOutcome) => void
}

/** Writes frames to segments in fsync'd groups. */
export class GroupWriter {
  readonly #options: GroupWriterOptions
  #queue: QueuedAppend[] = []
  #queuedBytes = 0
  #writing: Promise<void> | undefined
  #file: SpoolFile | undefined
  #segment: number
  #size = 0
  #broken = false

  constructor(options: GroupWriterOptions) {
    this.#options = options
    this.#segment = options.firstSegment
  }

  /** Bytes accepted but not yet durable (queued or being written). */
  get pendingBytes(): number {
    return this.#queuedBytes
  }

  /** Queues a frame; resolves once it is fsync'd, or with the error that kept it off the disk. */
  write(frame: EncodedFrame): Promise<WriteOutcome> {
    return new Promise((resolve) => {
      this.#queue.push({ frame, done: resolve })
      this.#queuedBytes += frame.bytes
      this.#writing ??= this.#drainQueue()
    })
  }

  /** Waits for queued appends to be written, then closes the segment. */
  async close(): Promise<void> {
    await this.#writing
    this.#options.ledger.seal(this.#segment)
    await this.#file?.close().catch(() => undefined)
    this.#file = undefined
  }

  async #drainQueue(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue
      this.#queue = []
      const bytes = group.reduce((sum, append) => sum + append.frame.bytes, 0)
      const outcome = await this.#writeGroup(group, bytes)
      this.#queuedBytes -= bytes
      for (const append of group) append.done(outcome)
    }
    this.#writing = undefined
  }

  async #writeGroup(group: readonly QueuedAppend[], bytes: number): Promise<WriteOutcome> {
    const started = performance.now()
    try {
      if (!this.#file || this.#broken || this.#size >= this.#options.segmentBytes) await this.#roll()
      const file = this.#file!
      const { bytesWritten } = await file.writev(
        group.flatMap((append) => append.frame.parts),
        this.#size,
      )
      // A short write is how a full disk shows itself partway through a group.
      if (bytesWritten !== bytes) throw Object.assign(new Error(`short write: ${bytesWritten} of ${bytes} bytes`), { code: 'ENOSPC' })
      await file.datasync()
      this.#size += bytes
      this.#options.ledger.setDurableEnd(this.#segment, this.#size)
      this.#options.report({ kind: 'synced', records: group.length, bytes, seconds: (performance.now() - started) / 1000 })
      this.#options.onDurable(bytes)
      return ok(undefined)
    } catch (error) {
      this.#broken = true
      // Cut what the failed group left, so the segment ends on a whole frame; replay would drop it anyway.
      await this.#file?.truncate(this.#size).catch(() => undefined)
      this.#options.report({ kind: 'write_failed', records: group.length, error })
      return err(error as NodeJS.ErrnoException)
    }
  }

  async #roll(): Promise<void> {
    if (this.#file) {
      this.#options.ledger.seal(this.#segment)
      await this.#file.close().catch(() => undefined)
      this.#file = undefined
      this.#segment += 1
    }
    this.#file = await this.#options.io.open(segmentPath(this.#options.dir, this.#segment), 'wx')
    this.#size = 0
    this.#options.ledger.add(this.#segment, 0, false)
    // The new file's name must be durable too, or a crash could lose the whole segment.
    await syncDirectory(this.#options.dir)
    this.#broken = false
  }
}
