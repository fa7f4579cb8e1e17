import { describe, expect, it } from 'vitest'
import { MetricRegistry } from '../telemetry/index.ts'
import type { SpoolBatch, SpoolRecord } from '../collector/index.ts'
import { DEFAULT_VOCABULARY, keyRecogniser, toSpanRow } from '../spans/index.ts'
import { sql, storageRef, type Warehouse } from '../storage/index.ts'
import { newTraceId, spanRecord } from '../test/fixtures/spans.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { temporaryQuarantine } from '../test/fixtures/quarantine.ts'
import { spanRowsPayload } from './spool-payload.ts'
import { spanDrain } from './spool-drain.ts'
import { quarantineReplayStorage } from './quarantine-replay.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const target = TEST_TARGET
const keys = keyRecogniser(DEFAULT_VOCABULARY)
const warehouse = embeddedWarehouse('spool-drain', target)
const quarantine = temporaryQuarantine()
const DAY_MS = 86_400_000

/** A spool record of one tenant's spans, as the sink writes it. */
function record(tenant: string, requestId: string, spans: ReturnType<typeof spanRecord>[]): SpoolRecord {
  return { tenant, requestId, payload: spanRowsPayload(spans.map((span) => toSpanRow(tenant, span, keys))) }
}

/** A record whose one row holds what the receiver would never write: a lone surrogate escape in the span name. */
function poisonRecord(tenant: string, requestId: string, traceId: string): SpoolRecord {
  const text = spanRowsPayload([toSpanRow(tenant, spanRecord({ traceId, name: 'POISON_NAME' }), keys)]).toString('utf8')
  return { tenant, requestId, payload: Buffer.from(text.replace('POISON_NAME', 'cut \\ud83d')) }
}

const batchOf = (...records: SpoolRecord[]): SpoolBatch => ({ records, bytes: 0 })
const spansOf = async (traceId: string): Promise<string[]> =>
  (
    await warehouse.rows<{ SpanName: string }>(sql`SELECT SpanName FROM throughline.spans WHERE TraceId = ${traceId} ORDER BY SpanName`)
  ).map((row) => row.SpanName)

/** The warehouse with inserts failing as told before they reach the engine. */
function failing(fail: (attempt: number) => Error | undefined): Warehouse {
  let attempt = 0
  return {
    ...warehouse,
    insertRaw: (...args) => {
      const error = fail(++attempt)
      return error ? Promise.reject(error) : warehouse.insertRaw(...args)
    },
  }
}

describe('span drain', () => {
  it('stores the rest of a batch and quarantines the one row the engine cannot parse, with its reason', async () => {
    const metrics = new MetricRegistry()
    const drain = spanDrain(warehouse, target, metrics, { quarantine: quarantine.store, maxPartitions: 40 })
    const good = newTraceId()
    const bad = newTraceId()
    const other = newTraceId()
    await drain(
      batchOf(
        record('acme', 'good-1', [spanRecord({ traceId: good, name: 'a' }), spanRecord({ traceId: good, name: 'b' })]),
        poisonRecord('acme', 'poison-1', bad),
        record('globex', 'other-1', [spanRecord({ traceId: other, name: 'c' })]),
      ),
    )
    expect(await spansOf(good)).toEqual(['a', 'b'])
    expect(await spansOf(other)).toEqual(['c'])
    expect(await spansOf(bad)).toEqual([])
    const [entry] = quarantine.store.summary.recent('acme', 10)
    expect(entry).toMatchObject({ tenant: 'acme', reason: 'unparsable', requestId: 'poison-1', span: { traceId: bad, service: 'oms' } })
    expect(entry!.message).toMatch(/surrogate/)
    expect(quarantine.store.summary.recent('globex', 10)).toEqual([])
    expect(await metrics.metrics()).toMatch(/throughline_spans_quarantined_total\{reason="unparsable"\} 1/)
    expect(await metrics.metrics()).toMatch(/throughline_spans_stored_total 3/)
  })

  it('splits a batch spread over more days than one insert may write, and stores all of it', async () => {
    const drain = spanDrain(warehouse, target, new MetricRegistry(), { quarantine: quarantine.store, maxPartitions: 10 })
    const traceId = newTraceId()
    const records = Array.from({ length: 25 }, (_, day) =>
      record('acme', `day-${day}`, [spanRecord({ traceId, name: `day-${String(day).padStart(2, '0')}`, agoMs: day * DAY_MS })]),
    )
    await drain(batchOf(...records))
    expect(await spansOf(traceId)).toHaveLength(25)
    expect(quarantine.store.summary.counts('acme')).not.toHaveProperty('partition_limit')
  })

  it('retries the whole batch while the engine is unreachable, and quarantines nothing', async () => {
    const drain = spanDrain(
      failing(() => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' })),
      target,
      new MetricRegistry(),
      { quarantine: quarantine.store, maxPartitions: 40 },
    )
    const before = quarantine.store.bytes()
    await expect(drain(batchOf(record('acme', 'down-1', [spanRecord()])))).rejects.toThrow(/ECONNREFUSED/)
    expect(quarantine.store.bytes()).toBe(before)
  })

  it('believes a refusal it does not know only after retrying it, then stores what it can', async () => {
    const unknown = (): Error => Object.assign(new Error('Code: 9999. DB::Exception: something new'), { code: '9999' })
    // The first five inserts fail; the search's first halves succeed.
    const drain = spanDrain(
      failing((attempt) => (attempt <= 5 ? unknown() : undefined)),
      target,
      new MetricRegistry(),
      { quarantine: quarantine.store, maxPartitions: 40 },
    )
    const traceId = newTraceId()
    const batch = batchOf(record('acme', 'unknown-1', [spanRecord({ traceId, name: 'x' }), spanRecord({ traceId, name: 'y' })]))
    for (let attempt = 1; attempt <= 4; attempt++) await expect(drain(batch)).rejects.toThrow(/something new/)
    await drain(batch)
    expect(await spansOf(traceId)).toEqual(['x', 'y'])
  })

  it('quarantines a record whose payload cannot be read as rows, whole', async () => {
    const drain = spanDrain(warehouse, target, new MetricRegistry(), { quarantine: quarantine.store, maxPartitions: 40 })
    await drain(batchOf({ tenant: 'initech', requestId: 'garbled-1', payload: Buffer.from('["TraceId","DROP TABLE"]\n["x"]\n') }))
    expect(quarantine.store.summary.recent('initech', 10)).toMatchObject([{ reason: 'unreadable_payload', requestId: 'garbled-1' }])
  })

  it('replays the quarantine once its cause is gone: each span stored exactly once, and nothing left', async () => {
    // The cause: a check on the spans table that refuses some spans, as a schema too strict for them would.
    await warehouse.command(
      sql`ALTER TABLE ${storageRef(target, 'spans')} ADD CONSTRAINT refuses_some CHECK SpanName != 'refused-by-check'`,
    )
    const drain = spanDrain(warehouse, target, new MetricRegistry(), { quarantine: quarantine.store, maxPartitions: 40 })
    const traceId = newTraceId()
    const batch = batchOf(
      record('umbrella', 'view-1', [spanRecord({ traceId, name: 'refused-by-check' }), spanRecord({ traceId, name: 'fine' })]),
    )
    // The same batch twice, as after a crash between the quarantine's fsync and the spool's acknowledgement.
    await drain(batch)
    await drain(batch)
    expect(await spansOf(traceId)).toEqual(['fine'])
    expect(quarantine.store.summary.counts('umbrella')).toEqual({ refused: 1 })

    const storage = quarantineReplayStorage(warehouse, target, 40)
    expect(await quarantine.store.replay('umbrella', storage)).toEqual({ replayed: 1, stored: 0, stillQuarantined: 1 })
    await warehouse.command(sql`ALTER TABLE ${storageRef(target, 'spans')} DROP CONSTRAINT refuses_some`)
    expect(await quarantine.store.replay('umbrella', storage)).toEqual({ replayed: 1, stored: 1, stillQuarantined: 0 })
    expect(await quarantine.store.replay('umbrella', storage)).toEqual({ replayed: 0, stored: 0, stillQuarantined: 0 })
    expect(await spansOf(traceId)).toEqual(['fine', 'refused-by-check'])
    expect(quarantine.store.summary.counts('umbrella')).toEqual({})
    expect(quarantine.store.summary.recent('acme', 10)).toHaveLength(1)
  })
})
