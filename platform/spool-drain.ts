/**
 * Stores a spool batch: many requests' rows, already JSONEachRow text, in ONE insert into the spans
 * table. The insert's dedup token is derived from the records' request ids, so a batch replayed
 * after a crash (the spool re-forms it exactly) is dropped by ClickHouse as already seen; should
 * batch boundaries ever differ, the ReplacingMergeTree key and `LIMIT 1 BY` reads still show each
 * span once.
 */
import { createHash } from 'node:crypto'
import type { MetricRegistry } from '../core/index.ts'
import type { BatchHandler, SpoolBatch } from '../collector/index.ts'
import { tableRef, type SchemaTarget, type Warehouse } from '../ingest/index.ts'

const NEWLINE = 0x0a

function countRows(payload: Uint8Array): number {
  // JSON.stringify escapes newlines inside values, so each newline ends exactly one row.
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)
  let rows = 0
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) rows++
  return rows
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
    // A request spooled twice (a retry) is sent once; the token still covers the whole batch.
    const seen = new Set<string>()
    const payloads: Uint8Array[] = []
    let rows = 0
    for (const record of batch.records) {
      if (seen.has(record.requestId)) continue
      seen.add(record.requestId)
      payloads.push(record.payload)
      rows += countRows(record.payload)
    }
    const started = performance.now()
    try {
      await warehouse.insertRaw(spansTable, payloads, batchToken(batch))
    } catch (error) {
      failed.inc()
      throw error
    } finally {
      latency.observe((performance.now() - started) / 1000)
    }
    stored.inc({}, rows)
  }
}
