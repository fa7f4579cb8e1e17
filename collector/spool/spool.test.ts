import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openSpool, type SpoolOptions } from './spool.ts'
import type { SpoolBatch } from './drainer.ts'
import type { SpoolEvent } from './spool-events.ts'
import type { SpoolIo } from './segment-files.ts'

const dirs: string[] = []
const spoolDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tl-spool-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
const record = (n: number, size = 100) => ({ tenant: 'acme', requestId: `req-${n}`, payload: Buffer.from(`${n}:`.padEnd(size, '.')) })
const segments = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.segment'))
    .sort()

/** A handler that keeps what it was given and lets a test await a number of records. */
function collector() {
  const ids: string[] = []
  const batches: SpoolBatch[] = []
  const waits: { count: number; resolve: () => void }[] = []
  return {
    ids,
    batches,
    handler: (batch: SpoolBatch): Promise<void> => {
      batches.push(batch)
      for (const r of batch.records) ids.push(r.requestId)
      for (const wait of waits.filter((w) => ids.length >= w.count)) wait.resolve()
      return Promise.resolve()
    },
    received: (count: number): Promise<void> =>
      ids.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => {
            waits.push({ count, resolve })
          }),
  }
}

/** A handler that holds every batch until released: storage that is down or slow. */
function blockedHandler() {
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let calls = 0
  let called: () => void = () => undefined
  const firstCall = new Promise<void>((resolve) => {
    called = resolve
  })
  return {
    handler: async () => {
      calls++
      called()
      await released
    },
    release: () => release(),
    firstCall,
    calls: () => calls,
  }
}

const open_ = (dir: string, handler: SpoolOptions['handler'], more: Partial<SpoolOptions> = {}) =>
  openSpool({ dir, handler, maxBytes: 1024 * 1024, retryInitialMs: 5, retryMaxMs: 40, ...more })

describe('spool', () => {
  it('resolves appends once durable, many concurrent appends sharing one fsync', async () => {
    const dir = spoolDir()
    const events: SpoolEvent[] = []
    const sink = collector()
    const spool = await open_(dir, sink.handler, { report: (event) => events.push(event) })
    const results = await Promise.all(Array.from({ length: 200 }, (_, n) => spool.append(record(n))))
    expect(results.every((result) => result.ok)).toBe(true)
    const syncs = events.filter((event) => event.kind === 'synced')
    // The first append is written alone; the other 199 queue behind its fsync and share the next.
    expect(syncs.length).toBeLessThanOrEqual(2)
    expect(syncs.reduce((sum, event) => sum + (event.kind === 'synced' ? event.records : 0), 0)).toBe(200)
    await sink.received(200)
    expect(sink.ids).toEqual(Array.from({ length: 200 }, (_, n) => `req-${n}`))
    await spool.close()
  })

  it('hands batches bounded by record count and bytes, in order', async () => {
    const dir = spoolDir()
    const gate = blockedHandler()
    const sink = collector()
    // Hold the first batch, so the rest pile up and are read in full batches afterwards.
    let first = true
    const spool = await open_(
      dir,
      async (batch) => {
        if (first) {
          first = false
          await gate.handler()
        }
        await sink.handler(batch)
      },
      { batchRecords: 10, batchBytes: 1000 },
    )
    await spool.append(record(0))
    await gate.firstCall
    await Promise.all(Array.from({ length: 40 }, (_, n) => spool.append(record(n + 1, 300))))
    gate.release()
    await sink.received(41)
    expect(sink.ids).toEqual(Array.from({ length: 41 }, (_, n) => `req-${n}`))
    expect(sink.batches.slice(1).every((batch) => batch.records.length <= 10 && batch.bytes <= 1000)).toBe(true)
    expect(sink.batches.length).toBeGreaterThan(10)
    await spool.close()
  })

  it('replays unacknowledged records after a reopen, and not the acknowledged ones', async () => {
    const dir = spoolDir()
    const stored = collector()
    let spool = await open_(dir, stored.handler)
    for (let n = 0; n < 5; n++) await spool.append(record(n))
    await stored.received(5)
    await spool.close()

    const down = blockedHandler()
    spool = await open_(dir, down.handler)
    for (let n = 5; n < 12; n++) expect(await spool.append(record(n))).toEqual({ ok: true, value: 'durable' })
    await spool.close()

    const events: SpoolEvent[] = []
    const replayed = collector()
    spool = await open_(dir, replayed.handler, { report: (event) => events.push(event) })
    await replayed.received(7)
    expect(replayed.ids).toEqual(['req-5', 'req-6', 'req-7', 'req-8', 'req-9', 'req-10', 'req-11'])
    expect(events).toContainEqual(expect.objectContaining({ kind: 'replaying', records: 7 }))
    await spool.append(record(12))
    await replayed.received(8)
    expect(replayed.ids.at(-1)).toBe('req-12')
    await spool.close()
    down.release()
  })

  it('replays the batch in flight at a crash as the same batch', async () => {
    const dir = spoolDir()
    const first = blockedHandler()
    const hung = blockedHandler()
    let calls = 0
    const crashed = await open_(dir, () => (++calls === 1 ? first.handler() : hung.handler()), { batchRecords: 3 })
    await crashed.append(record(0))
    await first.firstCall
    for (let n = 1; n < 6; n++) await crashed.append(record(n))
    // Storage takes the first batch; the second (1, 2, 3) is in flight when the process dies.
    first.release()
    await hung.firstCall
    for (let n = 6; n < 8; n++) await crashed.append(record(n))
    const sink = collector()
    const restarted = await open_(dir, sink.handler, { batchRecords: 100 })
    await sink.received(7)
    expect(sink.batches.map((batch) => batch.records.map((r) => r.requestId))).toEqual([
      ['req-1', 'req-2', 'req-3'],
      ['req-4', 'req-5', 'req-6', 'req-7'],
    ])
    await restarted.close()
    hung.release()
    await crashed.close()
  })

  it('drops a torn tail left by a crash, never half a record, and goes on', async () => {
    const dir = spoolDir()
    const down = blockedHandler()
    let spool = await open_(dir, down.handler)
    for (let n = 0; n < 3; n++) await spool.append(record(n, 500))
    await spool.close()
    const [file] = segments(dir)
    const segment = path.join(dir, file!)
    // Three frames of equal size; the crash cut the last one 200 bytes short.
    const frame = statSync(segment).size / 3
    truncateSync(segment, statSync(segment).size - 200)

    const events: SpoolEvent[] = []
    const sink = collector()
    spool = await open_(dir, sink.handler, { report: (event) => events.push(event) })
    await sink.received(2)
    expect(events).toContainEqual(expect.objectContaining({ kind: 'torn_tail', droppedBytes: frame - 200 }))
    await spool.append(record(3))
    await sink.received(3)
    expect(sink.ids).toEqual(['req-0', 'req-1', 'req-3'])
    await spool.close()
    down.release()
  })

  it('costs a damaged frame in the middle of a segment that frame only: its bytes are kept, and reading resumes at the next', async () => {
    const dir = spoolDir()
    const down = blockedHandler()
    let spool = await open_(dir, down.handler)
    for (let n = 0; n < 4; n++) await spool.append(record(n, 500))
    await spool.close()
    const segment = path.join(dir, segments(dir)[0]!)
    const frame = statSync(segment).size / 4
    // A bit flipped by the disk inside the second frame's payload.
    const handle = await open(segment, 'r+')
    await handle.write(Buffer.from([0xff]), 0, 1, frame + 300)
    await handle.close()

    const events: SpoolEvent[] = []
    const damaged: { offset: number; end: number; resumed: boolean; bytes: number }[] = []
    const sink = collector()
    spool = await open_(dir, sink.handler, {
      report: (event) => events.push(event),
      onDamage: (damage) => {
        damaged.push({ offset: damage.offset, end: damage.end, resumed: damage.resumed, bytes: damage.bytes.byteLength })
        return Promise.resolve()
      },
    })
    await sink.received(3)
    expect(sink.ids).toEqual(['req-0', 'req-2', 'req-3'])
    expect(damaged).toEqual([{ offset: frame, end: 2 * frame, resumed: true, bytes: frame }])
    expect(events).not.toContainEqual(expect.objectContaining({ kind: 'torn_tail' }))
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'corrupt_segment', offset: frame, resumedAt: 2 * frame, reason: 'checksum mismatch' }),
    )
    expect(await spool.drained(5000)).toBe(true)
    expect(spool.spoolBytes()).toBe(0)
    await spool.close()
    down.release()
  })

  it('does not move past damaged bytes until they are kept', async () => {
    const dir = spoolDir()
    const down = blockedHandler()
    let spool = await open_(dir, down.handler)
    for (let n = 0; n < 2; n++) await spool.append(record(n, 500))
    await spool.close()
    const segment = path.join(dir, segments(dir)[0]!)
    const handle = await open(segment, 'r+')
    await handle.write(Buffer.from([0xff]), 0, 1, 100)
    await handle.close()
    let attempts = 0
    const sink = collector()
    spool = await open_(dir, sink.handler, {
      onDamage: () => (++attempts < 3 ? Promise.reject(new Error('quarantine disk full')) : Promise.resolve()),
    })
    await sink.received(1)
    expect(attempts).toBe(3)
    expect(sink.ids).toEqual(['req-1'])
    await spool.close()
    down.release()
  })

  it('drops a zero-filled or garbage tail at start', async () => {
    const dir = spoolDir()
    const down = blockedHandler()
    let spool = await open_(dir, down.handler)
    await spool.append(record(0))
    await spool.close()
    appendFileSync(path.join(dir, segments(dir)[0]!), Buffer.alloc(4096))
    const sink = collector()
    spool = await open_(dir, sink.handler)
    await spool.append(record(1))
    await sink.received(2)
    expect(sink.ids).toEqual(['req-0', 'req-1'])
    await spool.close()
    down.release()
  })

  it('answers busy when full, and takes appends again once storage catches up', async () => {
    const dir = spoolDir()
    const slow = blockedHandler()
    const spool = await open_(dir, slow.handler, { maxBytes: 1000 })
    const results = []
    for (let n = 0; n < 12; n++) results.push(await spool.append(record(n)))
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(3)
    expect(results.at(-1)).toMatchObject({ ok: false, error: { reason: expect.stringMatching(/spool is full/), retryAfterSeconds: 5 } })
    expect(spool.spoolBytes()).toBeLessThanOrEqual(1000)
    slow.release()
    await expect.poll(() => spool.spoolBytes(), { timeout: 5000 }).toBe(0)
    expect(await spool.append(record(99))).toEqual({ ok: true, value: 'durable' })
    await spool.close({ drainWithinMs: 5000 })
    expect(spool.spoolBytes()).toBe(0)
  })

  it('answers busy when the disk is full, keeps nothing half-written, and recovers when space returns', async () => {
    const dir = spoolDir()
    let diskFull = false
    const io: SpoolIo = {
      async open(file, flags) {
        const handle = await open(file, flags)
        const writev = handle.writev.bind(handle)
        return Object.assign(handle, {
          writev: async (buffers: readonly NodeJS.ArrayBufferView[], position: number) => {
            if (!diskFull) return writev(buffers, position)
            // Half of the group reaches the disk before it fills up.
            await handle.write(Buffer.from(buffers[0]!.buffer, buffers[0]!.byteOffset, 8), 0, 8, position)
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
          },
        })
      },
    }
    const sink = collector()
    const events: SpoolEvent[] = []
    let spool = await open_(dir, sink.handler, { io, report: (event) => events.push(event) })
    expect(await spool.append(record(0))).toEqual({ ok: true, value: 'durable' })
    diskFull = true
    expect(await spool.append(record(1))).toEqual({ ok: false, error: { reason: 'the spool disk is full', retryAfterSeconds: 10 } })
    expect(events).toContainEqual(expect.objectContaining({ kind: 'write_failed', records: 1 }))
    diskFull = false
    expect(await spool.append(record(2))).toEqual({ ok: true, value: 'durable' })
    await sink.received(2)
    await spool.close()
    spool = await open_(dir, sink.handler)
    await spool.close()
    expect(sink.ids).toEqual(['req-0', 'req-2'])
  })

  it('retries a failing handler with growing delays, without losing or reordering anything', async () => {
    const dir = spoolDir()
    const sink = collector()
    const events: SpoolEvent[] = []
    let failures = 0
    const spool = await open_(
      dir,
      async (batch) => {
        if (failures < 3) {
          failures++
          throw new Error('ClickHouse is down')
        }
        await sink.handler(batch)
      },
      { report: (event) => events.push(event) },
    )
    for (let n = 0; n < 5; n++) await spool.append(record(n))
    await sink.received(5)
    expect(sink.ids).toEqual(['req-0', 'req-1', 'req-2', 'req-3', 'req-4'])
    const delays = events.flatMap((event) => (event.kind === 'handler_failed' ? [event.retryInMs] : []))
    expect(delays).toEqual([5, 10, 20])
    await spool.close()
  })

  it('deletes drained segments and keeps the cursor past them', async () => {
    const dir = spoolDir()
    const sink = collector()
    let spool = await open_(dir, sink.handler, { segmentBytes: 1000 })
    for (let n = 0; n < 30; n++) await spool.append(record(n, 300))
    await sink.received(30)
    await expect.poll(() => segments(dir).length, { timeout: 5000 }).toBeLessThanOrEqual(1)
    await spool.close()
    const again = collector()
    spool = await open_(dir, again.handler)
    await spool.append(record(30))
    await again.received(1)
    expect(again.ids).toEqual(['req-30'])
    await spool.close()
  })

  it('tells a reader when everything acknowledged before it is stored', async () => {
    const dir = spoolDir()
    const slow = blockedHandler()
    const spool = await open_(dir, slow.handler)
    expect(await spool.drained(0)).toBe(true)
    await spool.append(record(0))
    expect(await spool.drained(20)).toBe(false)
    const waiting = spool.drained(5000)
    slow.release()
    expect(await waiting).toBe(true)
    await spool.close()
  })

  it('drains what is spooled on close, within the time given', async () => {
    const dir = spoolDir()
    const sink = collector()
    const spool = await open_(dir, sink.handler)
    await Promise.all(Array.from({ length: 50 }, (_, n) => spool.append(record(n))))
    await spool.close({ drainWithinMs: 5000 })
    expect(sink.ids).toHaveLength(50)
    expect(await spool.append(record(51))).toMatchObject({ ok: false, error: { reason: 'the receiver is shutting down' } })
  })
})
