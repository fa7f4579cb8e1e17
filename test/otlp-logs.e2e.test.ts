/**
 * OTLP logs as an estate sends them: a storefront's traced spans with a log line inside one of
 * them (the official OTLP/HTTP exporters), and an ERP IDoc job that only logs, outside any trace
 * (the official gRPC log exporter). The records are stored, found by key and by trace, and the
 * job's line is the evidence that the order reached the ERP.
 */
import { Metadata } from '@grpc/grpc-js'
import { context, trace } from '@opentelemetry/api'
import { SeverityNumber } from '@opentelemetry/api-logs'
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc'
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs'
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JourneyResponse, LogsResponse, SearchResponse } from '../core/index.ts'
import { launchChromium } from './fixtures/browser.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'

let platform: PlatformProcess

beforeAll(async () => {
  platform = await startPlatformProcess(['--no-demo'])
})

afterAll(async () => {
  expect(await platform?.stop()).toBe(0)
})

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${platform.url}${route}`, { headers: { authorization: `Bearer ${platform.apiToken}` } })
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

const ORDER = 'LOG-1001'

/** The storefront: two stage spans, and a log line written inside the first. */
async function storefrontSendsSpansAndALog(): Promise<{ traceId: string; spanId: string }> {
  const headers = { authorization: `Bearer ${platform.ingestKey}` }
  const resource = resourceFromAttributes({ 'service.name': 'storefront', 'retail.system': 'ecommerce' })
  const tracing = new BasicTracerProvider({
    resource,
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${platform.otlpUrl}/v1/traces`, headers }))],
  })
  const logging = new LoggerProvider({
    resource,
    processors: [new SimpleLogRecordProcessor({ exporter: new ProtoLogExporter({ url: `${platform.otlpUrl}/v1/logs`, headers }) })],
  })
  const tracer = tracing.getTracer('checkout')
  const placed = tracer.startSpan('order.placed', { attributes: { 'retail.order.id': ORDER, 'retail.journey.stage': 'order.placed' } })
  logging.getLogger('checkout').emit({
    context: trace.setSpan(context.active(), placed),
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: 'basket converted to order',
    attributes: { 'retail.order.id': ORDER, 'basket.lines': 3 },
  })
  placed.end()
  await Promise.all([tracing.forceFlush(), logging.forceFlush()])
  await Promise.all([tracing.shutdown(), logging.shutdown()])
  return { traceId: placed.spanContext().traceId, spanId: placed.spanContext().spanId }
}

/** The ERP's IDoc job: no tracing at all, one log line per order posted, over OTLP/gRPC. */
async function erpJobLogs(): Promise<void> {
  const metadata = new Metadata()
  metadata.set('authorization', `Bearer ${platform.ingestKey}`)
  const logging = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'erp-idoc-job', 'retail.system': 'erp' }),
    processors: [new SimpleLogRecordProcessor({ exporter: new GrpcLogExporter({ url: `http://${platform.otlpGrpcAddress}`, metadata }) })],
  })
  logging.getLogger('idoc-batch').emit({
    severityNumber: SeverityNumber.INFO,
    body: 'IDoc 0000004711 posted: sales order 4711 created',
    attributes: { 'retail.order.id': ORDER, 'retail.erp.document.id': '4711', 'retail.journey.stage': 'order.erp_created' },
  })
  await logging.forceFlush()
  await logging.shutdown()
}

describe('OTLP logs', () => {
  let placed: { traceId: string; spanId: string }

  beforeAll(async () => {
    placed = await storefrontSendsSpansAndALog()
    await erpJobLogs()
  })

  it('finds both records by the order id, the job line with no trace beside the storefront line in its span', async () => {
    const found = await api<LogsResponse>(`/api/logs?key=retail.order.id&value=${ORDER}`)
    expect(found.logs.map((log) => [log.service, log.system, log.traceId, log.spanId, log.body])).toEqual([
      ['erp-idoc-job', 'erp', '', '', 'IDoc 0000004711 posted: sales order 4711 created'],
      ['storefront', 'ecommerce', placed.traceId, placed.spanId, 'basket converted to order'],
    ])
    expect(found.logs[0]).toMatchObject({
      stage: 'order.erp_created',
      businessKeys: { 'retail.order.id': ORDER, 'retail.erp.document.id': '4711' },
    })
    expect(found.logs[1]).toMatchObject({ severityNumber: 9, severityText: 'INFO', attributes: { 'basket.lines': '3' } })
  })

  it("lists a trace's log records with the span they were written in, and leaves the traceless line out of the span search", async () => {
    const ofTrace = await api<LogsResponse>(`/api/logs?traceId=${placed.traceId}`)
    expect(ofTrace.logs.map((log) => [log.spanId, log.body])).toEqual([[placed.spanId, 'basket converted to order']])
    const search = await api<SearchResponse>(`/api/search?key=retail.order.id&value=${ORDER}`)
    expect(search.traces.map((found) => found.traceId)).toEqual([placed.traceId])
  })

  it("takes the job's line as the evidence that the order reached the ERP, and links the ERP document it names", async () => {
    const journey = await api<JourneyResponse>(`/api/journeys/order/${ORDER}`)
    const erp = journey.stages.find((stage) => stage.name === 'order.erp_created')!
    expect(erp.reached).toBe(true)
    expect(erp.ref).toMatchObject({ traceId: '', service: 'erp-idoc-job', system: 'erp', log: true })
    expect(journey.currentSystem).toBe('erp')
    expect(journey.traces.map((found) => found.traceId)).toEqual([placed.traceId])
    expect(journey.timeline.find((entry) => entry.stage === 'order.erp_created')?.message).toBe(
      'IDoc 0000004711 posted: sales order 4711 created',
    )
    expect(journey.linkedKeys).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'retail.erp.document.id', value: '4711' })]))
  })

  it('refuses a record with a malformed trace id on its own, saying so in the partial success, and stores the rest', async () => {
    const body = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'pos-eod-upload' } }] },
          scopeLogs: [
            {
              logRecords: [
                { traceId: 'not-a-trace', body: { stringValue: 'broken' } },
                {
                  body: { stringValue: 'end-of-day file uploaded' },
                  attributes: [{ key: 'retail.order.id', value: { stringValue: 'LOG-2002' } }],
                },
              ],
            },
          ],
        },
      ],
    }
    const response = await fetch(`${platform.otlpUrl}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.ingestKey}` },
      body: JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      partialSuccess: {
        rejectedLogRecords: '1',
        errorMessage: 'log record resourceLogs[0].scopeLogs[0].logRecords[0] rejected: trace id is not hex',
      },
    })
    const kept = await api<LogsResponse>('/api/logs?key=retail.order.id&value=LOG-2002')
    expect(kept.logs.map((log) => [log.service, log.body])).toEqual([['pos-eod-upload', 'end-of-day file uploaded']])
  })
})

describe('OTLP logs on the dashboard', () => {
  it("shows the job's line as log evidence on the journey, the storefront line in its span, and both in the key search", async () => {
    const browser = await launchChromium()
    const errors: string[] = []
    try {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
      const open = async (route: string): Promise<Page> => {
        const page = await context.newPage()
        page.on('pageerror', (error) => errors.push(`${route}: ${String(error)}`))
        await page.goto(`${platform.url}${route}`)
        return page
      }
      await (await open(`/?token=${encodeURIComponent(platform.apiToken)}`)).close()

      const journey = await open(`/journeys/order/${ORDER}`)
      const erpRow = journey.getByRole('row', { name: /order\.erp_created/ }).filter({ hasText: 'log' })
      await expect.poll(() => erpRow.first().textContent()).toContain('IDoc 0000004711 posted: sales order 4711 created')
      // A line with no trace opens no trace: the row has no link at all (the journey column names this order).
      expect(await erpRow.first().getByRole('link').count()).toBe(0)

      const search = await open(`/journeys?key=retail.order.id&value=${ORDER}`)
      const lines = search.getByRole('table', { name: /Log records that carry it/ })
      await expect.poll(() => lines.locator('tbody tr').count()).toBe(2)
      expect(await lines.textContent()).toContain('no trace')

      const { traceId, spanId } = (await api<LogsResponse>(`/api/logs?key=retail.order.id&value=${ORDER}`)).logs[1]!
      const trace = await open(`/traces/${traceId}#span-${spanId}`)
      await expect
        .poll(() => trace.getByRole('table', { name: /Log records written in order\.placed/ }).textContent())
        .toContain('basket converted to order')
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
