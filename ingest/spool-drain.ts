/**
 * Stores a spool batch: many requests' rows, already text ClickHouse parses, in ONE insert into the
 * spans table, and one into the logs table when the batch holds log records (two only in the batch
 * that straddles an upgrade of the payload format). The insert's
 * dedup token is derived from the records' request ids, so a batch replayed after a crash (the
 * spool re-forms it exactly) is dropped by ClickHouse as already seen; should batch boundaries ever
 * differ, the ReplacingMergeTree key and `LIMIT 1 BY` reads still show each span once.
 *
 * No record can stop the drain. A batch refused for what its rows hold is searched for the rows
 * refused on their own, which go to the quarantine with the engine's reason while the rest is
 * stored; a refusal that passes (the engine down, a full disk) has the batch retried as before,
 * and one this code does not know is retried a few times before it is believed.
 */
import { createHash } from 'node:crypto'
import { counter, histogram, type MetricRegistry } from '../telemetry/index.ts'
import type { BatchHandler, DamageHandler, QuarantineEntry, QuarantineStore, SpoolBatch, SpoolRecord } from '../collector/index.ts'
import { quarantinedSpan } from '../collector/index.ts'
import { classifyRefusal, tableRef, type RawRowsFormat, type Refusal, type SchemaTarget, type Warehouse } from '../storage/index.ts'
import { payloadRows } from './spool-payload.ts'
import { insertUnits, isolateRefusedRows, type RowInsert, type RowUnit } from './row-isolation.ts'

/** Times a batch is retried on a refusal of an unknown kind before its rows are searched. */
const UNKNOWN_REFUSAL_ATTEMPTS = 5

/** Rows of a spooled record: all of them, or one while refused rows are searched for. */
interface SpooledRows extends RowUnit {
  readonly record: SpoolRecord
  readonly rows: number
}

/** What the drain needs besides the warehouse. */
export interface SpanDrainOptions {
  readonly quarantine: QuarantineStore
  /** Days a batch's spans may spread over: the retention and the receiver's day ahead, with a margin. */
  readonly maxPartitions: number
  readonly clock?: () => Date
}

/** The batch's distinct records in order: a request spooled twice (a retry) is sent once; the token still covers the whole batch. */
function distinctRecords(batch: SpoolBatch): SpoolRecord[] {
  const seen = new Set<string>()
  return batch.records.filter((record) => !seen.has(record.requestId) && seen.add(record.requestId))
}

/** The records' rows, one unit a record, and the records whose payload cannot be read as rows at all. */
function recordUnits(records: readonly SpoolRecord[]): { units: SpooledRows[]; unreadable: { record: SpoolRecord; message: string }[] } {
  const units: SpooledRows[] = []
  const unreadable: { record: SpoolRecord; message: string }[] = []
  for (const record of records) {
    try {
      const payload = payloadRows(record.payload)
      if (payload.count === 0) continue
      units.push({ record, table: payload.table, format: formatOf(payload), text: payload.rows, rows: payload.count })
    } catch (error) {
      unreadable.push({ record, message: error instanceof Error ? error.message : String(error) })
    }
  }
  return { units, unreadable }
}

/** The same rows one unit a row, for the search. */
function rowUnits(units: readonly SpooledRows[]): SpooledRows[] {
  const rows: SpooledRows[] = []
  for (const unit of units) {
    // JSON.stringify escapes newlines inside values, so each newline ends exactly one row.
    let start = 0
    for (let end = unit.text.indexOf(0x0a); end !== -1; start = end + 1, end = unit.text.indexOf(0x0a, start)) {
      rows.push({ record: unit.record, table: unit.table, format: unit.format, text: unit.text.subarray(start, end + 1), rows: 1 })
    }
  }
  return rows
}

function formatOf(payload: ReturnType<typeof payloadRows>): RawRowsFormat {
  return payload.format === 'JSONEachRow' ? { name: 'JSONEachRow' } : { name: 'JSONCompactEachRow', columns: payload.columns }
}

/** The insert dedup token of a batch: the same records give the same token. */
function batchToken(batch: SpoolBatch): string {
  const hash = createHash('sha256')
  for (const record of batch.records) hash.update(record.requestId).update('\n')
  return `spool-${hash.digest('hex')}`
}

/** A quarantine entry's id: the same record text of the same request is one entry. */
function entryId(requestId: string, record: string): string {
  return createHash('sha256').update(requestId).update('\n').update(record).digest('hex').slice(0, 32)
}

/** The quarantine entry of a row refused on its own. */
function refusedRowEntry(row: SpooledRows, refusal: Refusal, at: Date): QuarantineEntry {
  const record = Buffer.from(row.text.buffer, row.text.byteOffset, row.text.byteLength).toString('utf8').replace(/\n$/, '')
  const format = row.format.name
  const columns = row.format.name === 'JSONCompactEachRow' ? row.format.columns : undefined
  const span = quarantinedSpan(format, columns, record)
  return {
    id: entryId(row.record.requestId, record),
    tenant: row.record.tenant,
    at: at.toISOString(),
    reason: refusal.reason,
    message: refusal.message,
    requestId: row.record.requestId,
    format,
    ...(columns ? { columns } : {}),
    record,
    ...(span ? { span } : {}),
  }
}

function unreadableEntry(record: SpoolRecord, message: string, at: Date): QuarantineEntry {
  const bytes = Buffer.from(record.payload.buffer, record.payload.byteOffset, record.payload.byteLength).toString('base64')
  return {
    id: entryId(record.requestId, bytes),
    tenant: record.tenant,
    at: at.toISOString(),
    reason: 'unreadable_payload',
    message,
    requestId: record.requestId,
    format: 'bytes',
    record: bytes,
  }
}

const quarantinedCounter = (metrics: MetricRegistry) =>
  counter(metrics, {
    name: 'throughline_spans_quarantined_total',
    help: 'Spans storage refused for good, kept in the quarantine, by reason.',
    labelNames: ['reason'],
  })

/** Keeps damaged spool bytes in the quarantine, unowned: whose they were cannot be read from them. */
export function spoolDamageKeeper(
  quarantine: QuarantineStore,
  metrics: MetricRegistry,
  clock: () => Date = () => new Date(),
): DamageHandler {
  const quarantined = quarantinedCounter(metrics)
  return async (damage) => {
    const bytes = Buffer.from(damage.bytes.buffer, damage.bytes.byteOffset, damage.bytes.byteLength).toString('base64')
    const where = `segment ${damage.segment}, bytes ${damage.offset} to ${damage.end}`
    await quarantine.add([
      {
        id: entryId(where, bytes),
        tenant: '',
        at: clock().toISOString(),
        reason: 'corrupt_spool_frame',
        requestId: '',
        format: 'bytes',
        record: bytes,
        message: `${damage.reason} in ${where}${damage.bytes.byteLength < damage.end - damage.offset ? ` (the first ${damage.bytes.byteLength} kept)` : ''}`,
      },
    ])
    quarantined.inc({ reason: 'corrupt_spool_frame' })
  }
}

/** The spool's handler: one insert per batch, with the contract's storage metrics. */
export function spanDrain(warehouse: Warehouse, target: SchemaTarget, metrics: MetricRegistry, options: SpanDrainOptions): BatchHandler {
  const clock = options.clock ?? (() => new Date())
  const stored = counter(metrics, { name: 'throughline_spans_stored_total', help: 'Spans written to ClickHouse.' })
  const logsStored = counter(metrics, { name: 'throughline_log_records_stored_total', help: 'Log records written to ClickHouse.' })
  const failed = counter(metrics, {
    name: 'throughline_insert_failures_total',
    help: 'Inserts ClickHouse refused, by whether the refusal passes (each batch is retried or searched for its refused rows).',
    labelNames: ['kind'],
  })
  const quarantined = quarantinedCounter(metrics)
  const latency = histogram(metrics, {
    name: 'throughline_insert_duration_seconds',
    help: 'Time to insert one batch into ClickHouse.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  })
  let unknownRefusals = { token: '', count: 0 }

  const insert: RowInsert = async (table, format, chunks, token) => {
    const started = performance.now()
    try {
      await warehouse.insertRaw(tableRef(target, table), chunks, token, format, { maxPartitions: options.maxPartitions })
    } catch (error) {
      failed.inc({ kind: classifyRefusal(error).kind })
      throw error
    } finally {
      latency.observe((performance.now() - started) / 1000)
    }
  }

  return async (batch) => {
    const token = batchToken(batch)
    const { units, unreadable } = recordUnits(distinctRecords(batch))
    const entries = unreadable.map(({ record, message }) => unreadableEntry(record, message, clock()))
    const rows = { spans: 0, logs: 0 }
    for (const unit of units) rows[unit.table] += unit.rows
    try {
      // The first format group keeps the batch's token, so a batch spooled before an upgrade and replayed after it is still recognised.
      await insertUnits(units, insert, token)
    } catch (error) {
      const refusal = classifyRefusal(error)
      if (refusal.kind === 'transient') throw error
      if (refusal.kind === 'unknown') {
        unknownRefusals = unknownRefusals.token === token ? { token, count: unknownRefusals.count + 1 } : { token, count: 1 }
        if (unknownRefusals.count < UNKNOWN_REFUSAL_ATTEMPTS) throw error
      }
      const refused = await isolateRefusedRows(rowUnits(units), insert, `${token}.rows`, classifyRefusal, refusal)
      for (const { unit, refusal: why } of refused) entries.push(refusedRowEntry(unit, why, clock()))
      for (const { unit } of refused) rows[unit.table]--
    }
    // Durable in the quarantine before the spool lets go of the batch; a full quarantine holds the drain, and the receiver answers 503.
    await options.quarantine.add(entries)
    for (const entry of entries) quarantined.inc({ reason: entry.reason })
    // Counted once the whole batch is stored, so a group stored before a failed one is not counted twice.
    stored.inc(rows.spans)
    if (rows.logs > 0) logsStored.inc(rows.logs)
  }
}
