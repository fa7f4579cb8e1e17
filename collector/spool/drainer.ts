/**
 * The drain: reads durable records in order, hands them to storage in large batches, and only
 * once storage has taken a batch moves the saved cursor past it and deletes drained segments.
 * A failing handler gets the same batch again after a growing delay, so order and content hold
 * through an outage; the spool fills meanwhile and the receiver pushes back with 503s.
 */
import { rm } from 'node:fs/promises'
import { comparePositions, writeCursor, type CursorState, type SpoolPosition } from './cursor-file.ts'
import type { SpoolRecord } from './record-frame.ts'
import { findNextFrame, readAt, readFrames, segmentPath, type SpoolFile, type SpoolIo } from './segment-files.ts'
import type { SegmentLedger } from './segment-ledger.ts'
import type { SpoolEvent } from './spool-events.ts'

/** Records handed to storage together, oldest first. */
export interface SpoolBatch {
  readonly records: readonly SpoolRecord[]
  /** Their size on disk. */
  readonly bytes: number
}

/** Stores a batch; resolving acknowledges it, rejecting has it retried. */
export type BatchHandler = (batch: SpoolBatch) => Promise<void>

/** Bytes of a segment that are not a frame where a frame should be. */
export interface SpoolDamage {
  readonly segment: number
  readonly offset: number
  /** Where whole frames resume; the segment's durable end when none follows. */
  readonly end: number
  /** Whether a whole frame follows the damage in the segment. */
  readonly resumed: boolean
  readonly reason: string
  /** The damaged bytes, at most MAX_KEPT_DAMAGE_BYTES of them. */
  readonly bytes: Uint8Array
}

/** Keeps damaged bytes (in the quarantine); resolves once they are durable there. */
export type DamageHandler = (damage: SpoolDamage) => Promise<void>

/** Damaged bytes handed on for keeping; past this only their length is told. */
const MAX_KEPT_DAMAGE_BYTES = 16 * 1024 * 1024

/** What the drain needs. */
export interface DrainerOptions {
  readonly dir: string
  readonly io: SpoolIo
  readonly ledger: SegmentLedger
  /** Where the last run stopped, from the cursor file. */
  readonly start: CursorState
  readonly handler: BatchHandler
  /** Where damaged bytes go before the drain moves past them. */
  readonly onDamage: DamageHandler
  readonly batchRecords: number
  readonly batchBytes: number
  readonly retryInitialMs: number
  readonly retryMaxMs: number
  readonly report: (event: SpoolEvent) => void
  /** Called once bytes leave the spool's care: stored, or skipped as unreadable. */
  readonly onReleased: (bytes: number) => void
}

interface ReadBatch extends SpoolBatch {
  readonly end: SpoolPosition
}

/** Drains the spool into the handler until stopped. */
export class Drainer {
  readonly #options: DrainerOptions
  #position: SpoolPosition
  /** The acknowledged position the cursor file holds. */
  #savedAck: SpoolPosition
  #replayEnd: SpoolPosition | undefined
  #reader: { segment: number; file: SpoolFile } | undefined
  #signalled = false
  #waiter: { readonly wake: () => void; readonly untilData: boolean } | undefined
  #stopAt: number | undefined
  #stopped = false
  #handling = false
  readonly #loop: Promise<void>

  constructor(options: DrainerOptions) {
    this.#options = options
    this.#position = options.start.acked
    this.#savedAck = options.start.acked
    this.#replayEnd = options.start.pending
    this.#loop = this.#run()
  }

  /** New durable records may be there. */
  notify(): void {
    this.#signalled = true
    if (this.#waiter?.untilData) this.#waiter.wake()
  }

  /**
   * Drains what is durable for up to `withinMs`, then stops. A batch still with storage at the
   * deadline is not waited for: it stays in the spool and is replayed on the next start.
   */
  async stop(withinMs: number): Promise<void> {
    this.#stopAt = Date.now() + withinMs
    let deadline: NodeJS.Timeout | undefined
    const expired = new Promise<void>((resolve) => {
      deadline = setTimeout(() => {
        this.#stopped = true
        this.#waiter?.wake()
        resolve()
      }, withinMs)
    })
    this.#waiter?.wake()
    try {
      await Promise.race([this.#loop, expired])
      // Past the deadline, reading and acknowledging finish quickly; only storage is not waited for.
      if (!this.#handling) await this.#loop
    } finally {
      clearTimeout(deadline)
      this.#stopped = true
    }
  }

  async #run(): Promise<void> {
    try {
      await this.#drainUntilStopped()
    } finally {
      await this.#saveAcknowledged()
      await this.#closeReader()
    }
  }

  async #closeReader(): Promise<void> {
    const reader = this.#reader
    this.#reader = undefined
    await reader?.file.close().catch(() => undefined)
  }

  async #drainUntilStopped(): Promise<void> {
    let failures = 0
    while (!this.#stopped) {
      this.#signalled = false
      let batch: ReadBatch | undefined
      try {
        batch = await this.#nextBatch()
      } catch (error) {
        this.#options.report({ kind: 'io_failed', during: 'read', error })
        await this.#pause(this.#backoff(++failures), false)
        continue
      }
      if (!batch) {
        if (this.#stopAt !== undefined) return
        await this.#saveAcknowledged()
        if (!this.#signalled) await this.#pause(Number.POSITIVE_INFINITY, true)
        continue
      }
      if (!(await this.#deliver(batch))) return
      failures = 0
      this.#position = this.#options.ledger.normalise(batch.end)
      this.#options.onReleased(batch.bytes)
    }
  }

  async #nextBatch(): Promise<ReadBatch | undefined> {
    for (;;) {
      const ledger = this.#options.ledger
      this.#position = ledger.normalise(this.#position)
      const { segment, offset } = this.#position
      const durableEnd = ledger.durableEnd(segment)
      if (durableEnd === undefined) return undefined
      // After a crash, the batch in flight is re-formed exactly, so storage can tell it was seen.
      const replay =
        this.#replayEnd?.segment === segment && this.#replayEnd.offset > offset && this.#replayEnd.offset <= durableEnd
          ? this.#replayEnd
          : undefined
      this.#replayEnd = undefined
      const to = replay?.offset ?? durableEnd
      if (offset >= to) return undefined
      const file = await this.#readerFor(segment)
      const run = replay
        ? await readFrames(file, offset, to, Number.POSITIVE_INFINITY, to - offset)
        : await readFrames(file, offset, to, this.#options.batchRecords, this.#options.batchBytes)
      if (run.records.length > 0) {
        return { records: run.records.map((framed) => framed.record), bytes: run.end - offset, end: { segment, offset: run.end } }
      }
      // Bytes up to the durable end were written as whole frames, so what is not one here is damage.
      await this.#skipDamage(file, segment, offset, to, run.reason ?? run.stop)
    }
  }

  /** Hands damaged bytes on for keeping, then moves past them to the next whole frame. */
  async #skipDamage(file: SpoolFile, segment: number, offset: number, to: number, reason: string): Promise<void> {
    const next = await findNextFrame(file, offset + 1, to)
    const end = next ?? to
    const bytes = await readAt(file, offset, Math.min(end - offset, MAX_KEPT_DAMAGE_BYTES))
    await this.#options.onDamage({ segment, offset, end, resumed: next !== undefined, reason, bytes })
    this.#options.report({ kind: 'corrupt_segment', segment, offset, bytes: end - offset, resumedAt: next, reason })
    this.#position = { segment, offset: end }
    this.#options.onReleased(end - offset)
  }

  async #readerFor(segment: number): Promise<SpoolFile> {
    if (this.#reader?.segment === segment) return this.#reader.file
    await this.#reader?.file.close().catch(() => undefined)
    this.#reader = undefined
    const file = await this.#options.io.open(segmentPath(this.#options.dir, segment), 'r')
    this.#reader = { segment, file }
    return file
  }

  /** Hands the batch over until it is taken; false when stopped first. */
  async #deliver(batch: ReadBatch): Promise<boolean> {
    // The batch is named on disk before storage sees it, so a replay after a crash re-forms it
    // exactly and ClickHouse recognises it by its token.
    await this.#saveCursor({ acked: this.#position, pending: batch.end })
    for (let attempt = 1; ; attempt++) {
      if (this.#stopped) return false
      this.#handling = true
      try {
        await this.#options.handler({ records: batch.records, bytes: batch.bytes })
        return true
      } catch (error) {
        const retryInMs = this.#backoff(attempt)
        this.#options.report({ kind: 'handler_failed', attempt, retryInMs, error })
        if (this.#stopAt !== undefined && Date.now() + retryInMs > this.#stopAt) return false
        await this.#pause(retryInMs, false)
        if (this.#stopped) return false
      } finally {
        this.#handling = false
      }
    }
  }

  /** Saves the acknowledged position when the next batch's own cursor write will not. */
  async #saveAcknowledged(): Promise<void> {
    if (comparePositions(this.#position, this.#savedAck) !== 0) await this.#saveCursor({ acked: this.#position })
  }

  /** Deletes segments wholly before the saved position; a restart never looks for them again. */
  async #deleteDrained(): Promise<void> {
    for (const segment of this.#options.ledger.sealedBefore(this.#savedAck.segment)) {
      if (this.#reader?.segment === segment) await this.#closeReader()
      try {
        await rm(segmentPath(this.#options.dir, segment), { force: true })
        this.#options.ledger.remove(segment)
      } catch (error) {
        this.#options.report({ kind: 'io_failed', during: 'delete', error })
      }
    }
  }

  /**
   * Saves the cursor; under load one write per batch both acknowledges the last batch and names
   * the next. Drained segments are deleted only after the position past them is saved.
   */
  async #saveCursor(state: CursorState): Promise<boolean> {
    try {
      await writeCursor(this.#options.dir, state)
      this.#savedAck = state.acked
      await this.#deleteDrained()
      return true
    } catch (error) {
      // Not fatal: a stale cursor only means a replay that storage deduplicates.
      this.#options.report({ kind: 'io_failed', during: 'cursor', error })
      return false
    }
  }

  #backoff(attempt: number): number {
    return Math.min(this.#options.retryMaxMs, this.#options.retryInitialMs * 2 ** Math.min(attempt - 1, 20))
  }

  /** Waits for the delay or a stop, and, when `untilData`, for new durable records too. */
  #pause(ms: number, untilData: boolean): Promise<void> {
    if (this.#stopped) return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.#waiter = undefined
        resolve()
      }
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined
      this.#waiter = { wake: done, untilData }
    })
  }
}
