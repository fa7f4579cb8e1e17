import { describe, expect, it } from 'vitest'
import { MetricRegistry } from '../telemetry/index.ts'
import { DEFAULT_VOCABULARY, keyRecogniser, toSpanRow, type SpanRow } from '../spans/index.ts'
import { sql } from '../storage/index.ts'
import { newSpanId, newTraceId, spanRecord } from '../test/fixtures/spans.ts'
import { payloadRows, spanRowsPayload, SPOOLED_SPAN_COLUMNS } from './spool-payload.ts'
import { spanDrain } from './spool-drain.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { temporaryQuarantine } from '../test/fixtures/quarantine.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const target = TEST_TARGET
const keys = keyRecogniser(DEFAULT_VOCABULARY)
const warehouse = embeddedWarehouse('spool-payload', target)
const quarantine = temporaryQuarantine()

/** Rows of a trace with every kind of value: maps, events, links, quotes, newlines, non-ASCII text. */
function awkwardRows(tenant: string): SpanRow[] {
  const traceId = newTraceId()
  const spans = [
    spanRecord({
      traceId,
      name: 'erp.post_invoice',
      kind: 'client',
      statusCode: 'error',
      statusMessage: 'ERP said "no"\nretry later',
      attributes: { 'retail.order.id': 'ÖRDER-1', 'retail.journey.stage': 'order.erp_created', note: 'tab\there, back\\slash' },
      events: [{ name: 'retail.retry', timeUnixNano: 1_700_000_000_123_456_789n, attributes: { 'retail.retry.attempt': '2' } }],
      links: [{ traceId: newTraceId(), spanId: newSpanId(), traceState: 'vendor=1', attributes: { 'messaging.system': 'kafka' } }],
    }),
    spanRecord({ traceId, resource: { 'service.name': 'pos', 'retail.store.id': 'store-7', 'retail.order.id': 'ÖRDER-1' } }),
  ]
  return spans.map((span) => toSpanRow(tenant, span, keys))
}

const stored = async (tenant: string): Promise<unknown[]> =>
  warehouse.rows(sql`SELECT * EXCEPT Tenant FROM throughline.spans WHERE Tenant = ${tenant} ORDER BY SpanId`)

describe('spool payload', () => {
  it('names its columns in a header line and reads back its rows', () => {
    const payload = payloadRows(spanRowsPayload(awkwardRows('acme')))
    expect(payload).toMatchObject({ format: 'JSONCompactEachRow', columns: SPOOLED_SPAN_COLUMNS, count: 2 })
    expect(payloadRows(spanRowsPayload([]))).toMatchObject({ count: 0 })
  })

  it('refuses a header naming a column the spans table does not have', () => {
    expect(() => payloadRows(Buffer.from('["TraceId","DROP TABLE x"]\n["a","b"]\n'))).toThrow(/columns no table has/)
  })

  it('stores exactly what the JSONEachRow form stored, even for awkward values', async () => {
    const rows = awkwardRows('x')
    const drain = spanDrain(warehouse, target, new MetricRegistry(), { quarantine: quarantine.store, maxPartitions: 40 })
    const asTenant = (tenant: string): SpanRow[] => rows.map((row) => ({ ...row, Tenant: tenant }))
    await drain({ records: [{ tenant: 'compact', requestId: 'compact-1', payload: spanRowsPayload(asTenant('compact')) }], bytes: 0 })
    await warehouse.insertRaw(
      sql`throughline.spans`,
      [
        Buffer.from(
          asTenant('json')
            .map((row) => `${JSON.stringify(row)}\n`)
            .join(''),
        ),
      ],
      'json-1',
    )
    const compact = await stored('compact')
    expect(compact).toHaveLength(2)
    expect(compact).toEqual(await stored('json'))
  })

  it('stores a spool written in the earlier JSONEachRow form, alone or in a batch beside the new form, once even when replayed', async () => {
    const metrics = new MetricRegistry()
    const drain = spanDrain(warehouse, target, metrics, { quarantine: quarantine.store, maxPartitions: 40 })
    const legacy = {
      tenant: 'mixed',
      requestId: 'legacy-1',
      payload: Buffer.from(
        awkwardRows('mixed')
          .map((row) => `${JSON.stringify(row)}\n`)
          .join(''),
      ),
    }
    const current = { tenant: 'mixed', requestId: 'current-1', payload: spanRowsPayload(awkwardRows('mixed')) }
    const reordered = [...SPOOLED_SPAN_COLUMNS].reverse()
    const otherHeader = {
      tenant: 'mixed',
      requestId: 'reordered-1',
      payload: Buffer.from(
        `${JSON.stringify(reordered)}\n${awkwardRows('mixed')
          .map((row) => `${JSON.stringify(reordered.map((column) => row[column]))}\n`)
          .join('')}`,
      ),
    }
    const batch = { records: [legacy, current, otherHeader], bytes: 0 }
    await drain(batch)
    expect(await metrics.metrics()).toMatch(/throughline_spans_stored_total 6\b/)
    await drain(batch)
    expect(await stored('mixed')).toHaveLength(6)
  })
})
