/**
 * Stores a spool batch: many requests' rows, already text ClickHouse parses, in ONE insert into the
 * spans table (two only in the batch that straddles an upgrade of the payload format). The insert's
 * dedup token is derived from the records' request ids, so a batch replayed after a crash (the
 * spool re-forms it exactly) is dropped by ClickHouse as already seen; should batch boundaries ever
 * differ, the ReplacingMergeTree key and `LIMIT 1 BY` reads still show each span once.
 */
import { createHash } from 'node:crypto'
import type { MetricRegistry } from '../core/index.ts'
import type { BatchHandler, SpoolBatch } from '../collector/index.ts'
import { tableRef, type RawRowsFormat, type SchemaTarget, type Warehouse } from '../ingest/index.ts'
import { payloadRows } from './spool-payload.ts'

/** The text format an insert of already serialised rows is told. */

/** Rows of one format in a batch, inserted together. */
interface InsertGroup {
  readonly format: RawRowsFormat
  readonly chunks: Uint8Array[]
  rows: number
}

/** The batch's distinct records grouped by payload format, in order of first appearance. */
function insertGroups(batch: SpoolBatch): InsertGroup[] {
  const groups = new Map<string, InsertGroup>()
  // A request spooled twice (a retry) is sent once; the token still covers the whole batch.
  const seen = new Set<string>()
  for (const record of batch.records) {
    if (seen.has(record.requestId)) continue
    seen.add(record.requestId)
    const payload = payloadRows(record.payload)
    if (payload.count === 0) continue
    const format: RawRowsFormat = payload.format === 'JSONEachRow' ? { name: 'JSONEachRow' } : { name: 'JSONCompactEachRow', columns: payload.columns }
    const key = JSON.stringify(format)
    const group = groups.get(key) ?? { format, chunks: [], rows: 0 }
    group.chunks.push(payload.rows)
    group.rows += payload.count
    groups.set(key, group)
  }
  return [...groups.values()]
}

/** The insert dedup token of a batch: the same records give the same token. */
function batchToken(batch: SpoolBatch): string {
  const hash = createHash('sha256')
  for (const record of batch.records) hash.update(record.requestId).update('\n')
  return `spool-${hash.digest('hex')}`
}

/** The spool's handler: one insert per batch, with the contract's storage metrics. */
export function spanDrain(warehouse: Warehouse, target: SchemaTarget, metrics: MetricRegistry): BatchHandler {
  const spansTable = tableRef(target, 'spans')
  const stored = metrics.counter('throughline_spans_stored_total', 'Spans written to ClickHouse.')
  const failed = metrics.counter('throughline_insert_failures_total', 'Insert batches ClickHouse refused (each is retried).')
  const latency = metrics.histogram('throughline_insert_duration_seconds', 'Time to insert one batch into ClickHouse.', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])

  return async (batch) => {
    const token = batchToken(batch)
    const groups = insertGroups(batch)
    let rows = 0
    for (const [index, group] of groups.entries()) {
      const started = performance.now()
      try {
        // The first group keeps the batch's token, so a batch spooled before an upgrade and replayed after it is still recognised.
        await warehouse.insertRaw(spansTable, group.chunks, index === 0 ? token : `${token}-${index}`, group.format)
      } catch (error) {
        failed.inc()
        throw error
      } finally {
        latency.observe((performance.now() - started) / 1000)
      }
      rows += group.rows
    }
    // Counted once the whole batch is stored, so a group stored before a failed one is not counted twice.
    stored.inc({}, rows)
  }
}
