import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MetricRegistry } from '../telemetry/index.ts'
import { openQuarantine, openSpool, type QuarantineStore, type Spool, type SpoolBatch } from '../collector/index.ts'
import { DEFAULT_VOCABULARY, keyRecogniser } from '../spans/index.ts'
import { migrate, openWarehouse, sql, type Warehouse } from '../storage/index.ts'
import { spanRecord, newTraceId } from '../test/fixtures/spans.ts'
import { spanDrain } from './spool-drain.ts'
import { spoolSink } from './spool-sink.ts'
import { MIGRATIONS } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET, testStorage } from '../test/fixtures/topology.ts'

const target = TEST_TARGET
const keys = keyRecogniser(DEFAULT_VOCABULARY)
let dataDir: string
let warehouse: Warehouse
let quarantine: QuarantineStore

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'tl-spool-sink-'))
  warehouse = openWarehouse(testStorage(dataDir))
  await migrate(warehouse, target, MIGRATIONS)
  quarantine = await openQuarantine(path.join(dataDir, 'quarantine'), 64 * 1024 * 1024)
})

afterAll(async () => {
  await warehouse.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const rowsOf = async (traceId: string): Promise<number> =>
  Number((await warehouse.rows<{ rows: string }>(sql`SELECT count() AS rows FROM throughline.spans WHERE TraceId = ${traceId}`))[0]!.rows)

async function openSink(
  handler: (batch: SpoolBatch) => Promise<void>,
  maxBytes = 64 * 1024 * 1024,
): Promise<{ spool: Spool; metrics: MetricRegistry; sink: ReturnType<typeof spoolSink> }> {
  const metrics = new MetricRegistry()
  const spool = await openSpool({ dir: mkdtempSync(path.join(dataDir, 'spool-')), maxBytes, handler })
  return { spool, metrics, sink: spoolSink(spool, metrics, keys) }
}

describe('spool sink and drain', () => {
  it('answers stored once the rows are in the spool, and the drain inserts them with the storage metrics', async () => {
    const metrics = new MetricRegistry()
    const { spool, sink } = await openSink(spanDrain(warehouse, target, metrics, { quarantine, maxPartitions: 40 }))
    const traceId = newTraceId()
    const spans = [
      spanRecord({ traceId, attributes: { 'retail.order.id': 'SINK-1', 'retail.journey.stage': 'order.placed' } }),
      spanRecord({ traceId }),
    ]
    expect(await sink.accept('acme', spans, 'request-1')).toEqual({ ok: true, value: 'durable' })
    expect(await spool.drained(10_000)).toBe(true)
    const stored = await warehouse.rows<{ Stage: string; order: string }>(
      sql`SELECT Stage, BusinessKeys['retail.order.id'] AS order FROM throughline.spans WHERE TraceId = ${traceId} ORDER BY Stage DESC`,
    )
    expect(stored).toEqual([
      { Stage: 'order.placed', order: 'SINK-1' },
      { Stage: '', order: '' },
    ])
    const text = await metrics.metrics()
    expect(text).toMatch(/throughline_spans_stored_total 2/)
    expect(text).toMatch(/throughline_insert_duration_seconds_count 1/)
    await spool.close()
  })

  it('spools a retried request once', async () => {
    const batches: SpoolBatch[] = []
    const { spool, sink } = await openSink((batch) => {
      batches.push(batch)
      return Promise.resolve()
    })
    const spans = [spanRecord()]
    const answers = await Promise.all([sink.accept('acme', spans, 'same-request'), sink.accept('acme', spans, 'same-request')])
    expect(answers).toEqual([
      { ok: true, value: 'durable' },
      { ok: true, value: 'durable' },
    ])
    expect(await sink.accept('acme', spans, 'same-request')).toEqual({ ok: true, value: 'durable' })
    await spool.close({ drainWithinMs: 5000 })
    expect(batches.flatMap((batch) => batch.records.map((record) => record.requestId))).toEqual(['same-request'])
  })

  it('stores a replayed batch once (ClickHouse drops it by its token), and a request spooled twice in a batch once', async () => {
    const drain = spanDrain(warehouse, target, new MetricRegistry(), { quarantine, maxPartitions: 40 })
    const seen: SpoolBatch[] = []
    const { spool, sink } = await openSink(async (batch) => {
      seen.push(batch)
      await drain(batch)
    })
    const traceId = newTraceId()
    await sink.accept('acme', [spanRecord({ traceId }), spanRecord({ traceId })], 'request-a')
    await spool.close({ drainWithinMs: 5000 })
    await drain(seen[0]!)
    expect(await rowsOf(traceId)).toBe(2)

    // An exporter's retry that reached the spool twice lands in one batch: one insert of one copy.
    const retriedTrace = newTraceId()
    const captured: SpoolBatch[] = []
    const capture = await openSink((batch) => {
      captured.push(batch)
      return Promise.resolve()
    })
    await capture.sink.accept('acme', [spanRecord({ traceId: retriedTrace })], 'request-b')
    await capture.spool.close({ drainWithinMs: 5000 })
    const record = captured[0]!.records[0]!
    await drain({ records: [record, record], bytes: 0 })
    expect(await rowsOf(retriedTrace)).toBe(1)
  })

  it('answers busy with Retry-After when the spool is full, and spools the retry afresh', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const { spool, sink } = await openSink(() => held, 3000)
    expect(await sink.accept('acme', [spanRecord()], 'first')).toEqual({ ok: true, value: 'durable' })
    const refused = await sink.accept(
      'acme',
      Array.from({ length: 10 }, () => spanRecord()),
      'second',
    )
    expect(refused).toMatchObject({ ok: false, error: { retryAfterSeconds: 5, reason: expect.stringMatching(/spool is full/) } })
    release()
    expect(await spool.drained(5000)).toBe(true)
    expect(await sink.accept('acme', [spanRecord()], 'second')).toEqual({ ok: true, value: 'durable' })
    await spool.close({ drainWithinMs: 5000 })
  })
})
