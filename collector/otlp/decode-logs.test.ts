import { context, trace, TraceFlags } from '@opentelemetry/api'
import { SeverityNumber } from '@opentelemetry/api-logs'
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs'
import { describe, expect, it } from 'vitest'
import { admitLogs, decodeLogs } from './decode-logs.ts'
import { DEFAULT_DECODE_LIMITS } from './span-validation.ts'

const TRACE_ID = '5b8efff798038103d269b633813fc60c'
const SPAN_ID = 'eee19b7ec3c1b174'
const AT_MS = Date.UTC(2026, 11, 7, 10, 0, 0)
const WINDOW = { maxAgeMs: 7 * 86_400_000, maxAheadMs: 86_400_000 }

/** Log records as the official SDK makes them: an ERP job's line outside any trace, and one inside a span. */
async function officialRecords() {
  const exporter = new InMemoryLogRecordExporter()
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'erp-idoc-job', 'retail.system': 'erp' }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  })
  const logger = provider.getLogger('idoc-batch', '4.2.0')
  logger.emit({
    timestamp: AT_MS,
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: 'IDoc 0000004711 posted for order WEB-1001',
    attributes: { 'retail.order.id': 'WEB-1001', 'retail.journey.stage': 'order.erp_created', 'idoc.number': 4711 },
  })
  const inSpan = trace.setSpanContext(context.active(), { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED })
  logger.emit({
    timestamp: AT_MS + 5,
    context: inSpan,
    severityNumber: SeverityNumber.ERROR,
    body: { reason: 'tax code missing', code: 'T17' },
    eventName: 'erp.posting.refused',
  })
  await provider.forceFlush()
  return exporter.getFinishedLogRecords()
}

describe('decodeLogs', () => {
  it('reads what the official serializers write, protobuf and JSON alike', async () => {
    const records = await officialRecords()
    expect(records).toHaveLength(2)
    const protobuf = decodeLogs('protobuf', ProtobufLogsSerializer.serializeRequest(records)!, DEFAULT_DECODE_LIMITS)
    const json = decodeLogs('json', JsonLogsSerializer.serializeRequest(records)!, DEFAULT_DECODE_LIMITS)
    expect(protobuf.ok && json.ok).toBe(true)
    if (!protobuf.ok || !json.ok) return
    expect(json.value).toEqual(protobuf.value)
    const [posted, refused] = protobuf.value.records
    expect(posted).toMatchObject({
      timeUnixNano: BigInt(AT_MS) * 1_000_000n,
      traceId: '',
      spanId: '',
      severityNumber: 9,
      severityText: 'INFO',
      body: 'IDoc 0000004711 posted for order WEB-1001',
      attributes: { 'retail.order.id': 'WEB-1001', 'retail.journey.stage': 'order.erp_created', 'idoc.number': '4711' },
      resource: { 'service.name': 'erp-idoc-job', 'retail.system': 'erp' },
      scopeName: 'idoc-batch',
      scopeVersion: '4.2.0',
    })
    expect(refused).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, severityNumber: 17, eventName: 'erp.posting.refused' })
    expect(JSON.parse(refused!.body)).toEqual({ reason: 'tax code missing', code: 'T17' })
    expect(protobuf.value.rejectedRecords).toBe(0)
  })

  it('refuses a record with a malformed trace id on its own and keeps the rest', () => {
    const body = {
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                { timeUnixNano: '1', traceId: 'abc', body: { stringValue: 'broken' } },
                { timeUnixNano: '2', severityNumber: 'SEVERITY_NUMBER_WARN', body: { stringValue: 'kept' } },
              ],
            },
          ],
        },
      ],
    }
    const decoded = decodeLogs('json', Buffer.from(JSON.stringify(body)), DEFAULT_DECODE_LIMITS)
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    expect(decoded.value.records.map((record) => [record.body, record.severityNumber])).toEqual([['kept', 13]])
    expect(decoded.value.rejectedRecords).toBe(1)
    expect(decoded.value.rejectionMessage).toBe('log record resourceLogs[0].scopeLogs[0].logRecords[0] rejected: trace id is not hex')
  })

  it('answers why a body is not a logs request', () => {
    expect(decodeLogs('json', Buffer.from('[1,'), DEFAULT_DECODE_LIMITS)).toMatchObject({ ok: false })
    expect(decodeLogs('protobuf', Uint8Array.of(0x0a, 0x05, 0x01), DEFAULT_DECODE_LIMITS)).toMatchObject({ ok: false })
  })
})

describe('admitLogs', () => {
  it('stamps a record with no time at all with the receiver clock, and refuses one older than the retention', () => {
    const body = {
      resourceLogs: [
        {
          scopeLogs: [
            { logRecords: [{ body: { stringValue: 'no time' } }, { timeUnixNano: String(BigInt(AT_MS - 8 * 86_400_000) * 1_000_000n) }] },
          ],
        },
      ],
    }
    const decoded = decodeLogs('json', Buffer.from(JSON.stringify(body)), DEFAULT_DECODE_LIMITS)
    if (!decoded.ok) throw new Error(decoded.error)
    const admitted = admitLogs(decoded.value, WINDOW, AT_MS)
    expect(admitted.records.map((record) => [record.body, record.timeUnixNano])).toEqual([['no time', BigInt(AT_MS) * 1_000_000n]])
    expect(admitted.rejectedByReason).toEqual({ time_too_old: 1 })
  })
})
