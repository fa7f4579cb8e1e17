/**
 * The OTLP/gRPC receiver (port 4317), as the specification says: the trace and logs services store
 * spans and log records through the same exports as OTLP/HTTP (keys, limits, decoding, the spool,
 * durability), and the
 * metrics service accepts what agents send by default and answers with a partial success saying
 * it is not stored, so they log no export errors. Messages pass as raw bytes into the decoder the
 * HTTP receiver uses; grpc-js undoes gzip and holds a message to the request limit. Errors carry
 * the codes exporters act on: UNAUTHENTICATED, INVALID_ARGUMENT, RESOURCE_EXHAUSTED for a request
 * too large, and UNAVAILABLE with a RetryInfo under back-pressure.
 */
import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
} from '@grpc/grpc-js'
import type { TenantDirectory } from '../../core/index.ts'
import type { Log } from '../../telemetry/index.ts'
import { encodeExportResponseProtobuf, encodeRetryStatusProtobuf } from '../otlp/index.ts'
import { presentedKey } from './ingest-key.ts'
import type { ExportOutcome, TraceExport } from './trace-export.ts'
import type { LogExport } from './log-export.ts'
import { METRICS_NOT_STORED } from './unstored-signals.ts'

/** What the gRPC receiver needs. */
export interface GrpcReceiverDeps {
  readonly tenants: TenantDirectory
  readonly traces: TraceExport
  /** The logs export; without one the logs service is not offered. */
  readonly logs?: LogExport
  readonly maxRequestBytes: number
  readonly log: Log
  /** Where each call is recorded once answered; none when absent. */
  readonly accessLog?: Log
}

/** A listening gRPC receiver. */
export interface GrpcReceiver {
  /** `host:port`, as gRPC exporters take an endpoint. */
  readonly address: string
  close(): Promise<void>
}

/** A gRPC failure as grpc-js sends it. */
interface CallError {
  readonly code: status
  readonly details: string
  readonly metadata?: Metadata
}

/** Both directions as raw bytes: the receiver decodes and encodes OTLP itself. */
function rawExport(path: string): ServiceDefinition[string] {
  const same = (bytes: Buffer): Buffer => bytes
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: same,
    requestDeserialize: same,
    responseSerialize: same,
    responseDeserialize: same,
  }
}

const TRACE_SERVICE: ServiceDefinition = { Export: rawExport('/opentelemetry.proto.collector.trace.v1.TraceService/Export') }
const LOGS_SERVICE: ServiceDefinition = { Export: rawExport('/opentelemetry.proto.collector.logs.v1.LogsService/Export') }
const METRICS_SERVICE: ServiceDefinition = { Export: rawExport('/opentelemetry.proto.collector.metrics.v1.MetricsService/Export') }

/** Starts the gRPC receiver on `host:port` (0 for any free port). */
export async function listenGrpc(deps: GrpcReceiverDeps, host: string, port: number): Promise<GrpcReceiver> {
  const server = new Server({ 'grpc.max_receive_message_length': deps.maxRequestBytes })

  /** The tenant of a call's key, or the UNAUTHENTICATED answer. */
  const tenantOf = (metadata: Metadata): { tenant: string } | CallError => {
    const text = (name: string): string | undefined => {
      const value = metadata.get(name)[0]
      return typeof value === 'string' ? value : undefined
    }
    const key = presentedKey(text('authorization'), text('x-api-key'))
    const tenant = key === undefined ? undefined : deps.tenants.byIngestKey(key)
    if (tenant) return { tenant }
    const details = key === undefined ? 'missing ingest key: send authorization: Bearer <key> metadata' : 'unknown ingest key'
    return { code: status.UNAUTHENTICATED, details }
  }

  /** Runs a call's work, answers it, and writes its access record. */
  const handle =
    (work: (tenant: string, body: Buffer) => Promise<Buffer | CallError>) =>
    (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>): void => {
      const started = performance.now()
      const identified = tenantOf(call.metadata)
      const answered = 'tenant' in identified ? work(identified.tenant, call.request) : Promise.resolve(identified)
      void answered
        .catch((error: unknown): CallError => {
          deps.log.error({ err: error, path: call.getPath() }, 'unexpected error in the gRPC receiver')
          return { code: status.INTERNAL, details: 'internal error' }
        })
        .then((answer) => {
          const code = Buffer.isBuffer(answer) ? status.OK : answer.code
          if (Buffer.isBuffer(answer)) callback(null, answer)
          else callback(answer)
          const level = code === status.OK ? 'info' : code === status.INTERNAL ? 'error' : 'warn'
          deps.accessLog?.[level](
            {
              method: 'grpc',
              path: call.getPath(),
              status: status[code],
              ms: Math.round((performance.now() - started) * 10) / 10,
              ...('tenant' in identified ? { tenant: identified.tenant } : {}),
            },
            'request',
          )
        })
    }

  server.addService(TRACE_SERVICE, {
    Export: handle(async (tenant, body) => answer(await deps.traces.take(tenant, 'protobuf', body))),
  })
  const logs = deps.logs
  if (logs) server.addService(LOGS_SERVICE, { Export: handle(async (tenant, body) => answer(await logs.take(tenant, 'protobuf', body))) })
  server.addService(METRICS_SERVICE, {
    Export: handle(() => Promise.resolve(Buffer.from(encodeExportResponseProtobuf(0, METRICS_NOT_STORED)))),
  })

  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, actual) => (error ? reject(error) : resolve(actual)))
  })
  return {
    address: `${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve())
      }),
  }
}

/** An export's outcome as OTLP/gRPC says. */
function answer(outcome: ExportOutcome): Buffer | CallError {
  if (outcome.ok) return Buffer.from(encodeExportResponseProtobuf(outcome.value.rejectedSpans, outcome.value.message))
  const refusal = outcome.error
  if (refusal.kind === 'undecodable') return { code: status.INVALID_ARGUMENT, details: refusal.message }
  if (refusal.kind === 'too_large') return { code: status.RESOURCE_EXHAUSTED, details: refusal.message }
  const metadata = new Metadata()
  metadata.set(
    'grpc-status-details-bin',
    Buffer.from(encodeRetryStatusProtobuf(status.UNAVAILABLE, refusal.message, refusal.retryAfterSeconds)),
  )
  return { code: status.UNAVAILABLE, details: refusal.message, metadata }
}
