import { status, type ServiceError } from '@grpc/grpc-js'
import { afterEach, describe, expect, it } from 'vitest'
import { tenantDirectory, type SpanRecord } from '../../core/index.ts'
import { MetricRegistry, SILENT_LOG } from '../../telemetry/index.ts'
import { busy, DURABLE, type Acceptance } from '../acceptance.ts'
import { DEFAULT_DECODE_LIMITS } from '../otlp/index.ts'
import { ProtobufWriter } from '../otlp/protobuf-writer.ts'
import { listenGrpc, type GrpcReceiver } from './grpc-receiver.ts'
import { RejectionLog } from './rejection-log.ts'
import { createTraceExport } from './trace-export.ts'
import { grpcCall, OTLP_GRPC } from '../../test/fixtures/grpc-call.ts'

const KEY = 'acme-ingest-key-0001'
const NOW = Date.parse('2018-12-13T15:00:00Z')
let receiver: GrpcReceiver | undefined

afterEach(async () => {
  await receiver?.close()
})

/** A receiver whose spool answers busy for 7 s when `full`, and which takes `maxRequestBytes`. */
async function start(options: { full: boolean; maxRequestBytes?: number }): Promise<{ stored: SpanRecord[][] }> {
  const stored: SpanRecord[][] = []
  const sink = {
    accept: (_tenant: string, spans: readonly SpanRecord[]): Promise<Acceptance> => {
      if (options.full) return Promise.resolve(busy('the spool is full; storage is behind', 7))
      stored.push([...spans])
      return Promise.resolve(DURABLE)
    },
  }
  const maxRequestBytes = options.maxRequestBytes ?? 64 * 1024
  const traces = createTraceExport({
    sink,
    metrics: new MetricRegistry(),
    maxRequestBytes,
    maxExpandedChars: 4 * maxRequestBytes,
    limits: DEFAULT_DECODE_LIMITS,
    window: { maxAgeMs: 30 * 86_400_000, maxAheadMs: 86_400_000 },
    rejections: new RejectionLog(),
    clock: () => NOW,
  })
  const tenants = tenantDirectory([{ name: 'acme', ingestKeys: [KEY], apiTokens: ['acme-api-token-00001'] }])
  receiver = await listenGrpc({ tenants, traces, maxRequestBytes, log: SILENT_LOG }, '127.0.0.1', 0)
  return { stored }
}

/** ExportTraceServiceRequest with one span named `name`, in protobuf. */
function exportRequest(name: string): Uint8Array {
  const start = BigInt(NOW - 60_000) * 1_000_000n
  const span = new ProtobufWriter()
    .bytesField(1, Buffer.from('5b8efff798038103d269b633813fc60c', 'hex'))
    .bytesField(2, Buffer.from('eee19b7ec3c1b174', 'hex'))
    .string(5, name)
    .fixed64(7, start)
    .fixed64(8, start + 1_000_000n)
  const scopeSpans = new ProtobufWriter().message(2, span)
  const resourceSpans = new ProtobufWriter().message(2, scopeSpans)
  return new ProtobufWriter().message(1, resourceSpans).finish()
}

const call = (body: Uint8Array): Promise<Buffer> => grpcCall(receiver!.address, OTLP_GRPC.traces, body, KEY)

describe('the OTLP/gRPC receiver', () => {
  it('stores a span and answers an empty response, as a full success is', async () => {
    const { stored } = await start({ full: false })
    expect([...(await call(exportRequest('erp.post_invoice')))]).toEqual([])
    expect(stored.map((spans) => spans.map((span) => span.name))).toEqual([['erp.post_invoice']])
  })

  it("answers UNAVAILABLE with a RetryInfo of the spool's wait when storage is behind, so exporters retry later", async () => {
    await start({ full: true })
    const refused = await call(exportRequest('erp.post_invoice')).catch((error: ServiceError) => error)
    expect(refused).toMatchObject({ code: status.UNAVAILABLE, details: 'the spool is full; storage is behind' })
    const details = (refused as ServiceError).metadata.get('grpc-status-details-bin')[0] as Buffer
    expect(details.includes(Buffer.from('type.googleapis.com/google.rpc.RetryInfo'))).toBe(true)
    // RetryInfo { retry_delay (1): Duration { seconds (1): 7 } }
    expect(details.includes(Buffer.from([0x0a, 0x02, 0x08, 0x07]))).toBe(true)
  })

  it('answers RESOURCE_EXHAUSTED for a request over the limit, without storing any of it', async () => {
    const { stored } = await start({ full: false, maxRequestBytes: 64 })
    await expect(call(exportRequest('x'.repeat(200)))).rejects.toMatchObject({ code: status.RESOURCE_EXHAUSTED })
    expect(stored).toEqual([])
  })
})
