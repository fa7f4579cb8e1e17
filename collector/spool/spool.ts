/**
 * The write-ahead spool between the receiver and storage. `append` resolves once the record is
 * fsync'd (so a 200 survives a crash), or says busy when the spool is full or the disk refuses,
 * so the receiver answers 503 with Retry-After instead of dropping anything. A drain replays
 * everything not acknowledged on start, then hands new records to storage in large batches.
 */
import { Drainer, type BatchHandler, type DamageHandler } from './drainer.ts'
import { GroupWriter } from './group-writer.ts'
import { encodeFrame, type SpoolRecord } from './record-frame.ts'
import { NODE_SPOOL_IO, type SpoolIo } from './segment-files.ts'
import { recoverSpool } from './spool-recovery.ts'
import type { SpoolEvent } from './spool-events.ts'
import { busy, DURABLE, type Acceptance } from '../acceptance.ts'

/** How the spool is set up. */
export interface SpoolOptions {
  /** The spool's own directory, e.g. `<dataDir>/spool`. */
  readonly dir: string
  /** Stores a batch; the spool retries it until it resolves. */
  readonly handler: BatchHandler
  /** Keeps bytes of a segment that are not a frame (disk damage) before the drain skips them; by default they are only reported. */
  readonly onDamage?: DamageHandler
  /** Most bytes held that storage has not acknowledged; appends past it are refused as busy. */
  readonly maxBytes: number
  /** Most bytes waiting in memory for the disk; bounds memory when the disk is slow. Default 64 MiB. */
  readonly maxPendingBytes?: number
  /** A segment is closed and a new one started past this size. Default 64 MiB. */
  readonly segmentBytes?: number
  /** Most records in a batch. Default 1,000. */
  readonly batchRecords?: number
  /** Most bytes in a batch (a single larger record goes alone). Default 16 MiB. */
  readonly batchBytes?: number
  /** First and longest delay before a failed batch is retried. Defaults 250 ms and 30 s. */
  readonly retryInitialMs?: number
  readonly retryMaxMs?: number
  /** Receives what happens, for metrics and logs. */
  readonly report?: (event: SpoolEvent) => void
  /** File operations; tests substitute a failing disk. */
  readonly io?: SpoolIo
}

/** An open spool. */
export interface Spool {
  /** Appends a record; resolves once it is on disk, or busy without having kept it. */
  append(record: SpoolRecord): Promise<Acceptance>
  /** Bytes accepted and not yet acknowledged by storage, for the `throughline_spool_bytes` gauge. */
  spoolBytes(): number
  /**
   * Resolves true once storage has acknowledged everything that was durable when called (so a
   * reader sees every request answered 200 before it), or false after `withinMs`.
   */
  drained(withinMs: number): Promise<boolean>
  /** Refuses new appends, finishes queued writes, drains for up to `drainWithinMs` (default 0), and closes. */
  close(options?: { readonly drainWithinMs?: number }): Promise<void>
}

const MiB = 1024 * 1024

/** Opens the spool in its directory, recovering and replaying what a previous run left. */
export async function openSpool(options: SpoolOptions): Promise<Spool> {
  const io = options.io ?? NODE_SPOOL_IO
  const report = options.report ?? (() => undefined)
  const maxPendingBytes = options.maxPendingBytes ?? 64 * MiB
  const recovered = await recoverSpool(options.dir, io, report)
  // Running totals since open; their difference is what awaits storage.
  let durableBytes = recovered.unackedBytes
  let releasedBytes = 0
  const drainWaits = new Set<{ readonly target: number; readonly done: (drained: boolean) => void }>()
  let closing: Promise<void> | undefined

  const writer = new GroupWriter({
    dir: options.dir,
    io,
    ledger: recovered.ledger,
    firstSegment: recovered.nextSegment,
    segmentBytes: options.segmentBytes ?? 64 * MiB,
    report,
    onDurable: (bytes) => {
      durableBytes += bytes
      drainer.notify()
    },
  })
  const drainer: Drainer = new Drainer({
    dir: options.dir,
    io,
    ledger: recovered.ledger,
    start: recovered.start,
    handler: options.handler,
    onDamage: options.onDamage ?? (() => Promise.resolve()),
    batchRecords: options.batchRecords ?? 1000,
    batchBytes: options.batchBytes ?? 16 * MiB,
    retryInitialMs: options.retryInitialMs ?? 250,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    report,
    onReleased: (bytes) => {
      releasedBytes += bytes
      for (const wait of drainWaits) if (wait.target <= releasedBytes) wait.done(true)
    },
  })
  const spoolBytes = (): number => durableBytes - releasedBytes + writer.pendingBytes

  return {
    async append(record) {
      if (closing) return busy('the receiver is shutting down', 5)
      const frame = encodeFrame(record)
      if (spoolBytes() + frame.bytes > options.maxBytes) return busy(`the spool is full (${spoolBytes()} bytes await storage)`, 5)
      if (writer.pendingBytes + frame.bytes > maxPendingBytes) return busy('the spool disk is behind', 1)
      const outcome = await writer.write(frame)
      if (outcome.ok) return DURABLE
      const code = outcome.error.code ?? 'EIO'
      return busy(code === 'ENOSPC' || code === 'EDQUOT' ? 'the spool disk is full' : `the spool cannot write (${code})`, 10)
    },
    spoolBytes,
    drained(withinMs) {
      const target = durableBytes
      if (releasedBytes >= target) return Promise.resolve(true)
      return new Promise((resolve) => {
        const wait = {
          target,
          done: (drained: boolean) => {
            clearTimeout(timer)
            drainWaits.delete(wait)
            resolve(drained)
          },
        }
        const timer = setTimeout(() => wait.done(false), withinMs)
        drainWaits.add(wait)
      })
    },
    close(closeOptions = {}) {
      closing ??= (async () => {
        await writer.close()
        await drainer.stop(closeOptions.drainWithinMs ?? 0)
      })()
      return closing
    },
  }
}
