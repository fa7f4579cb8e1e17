/**
 * The OTLP/HTTP receiver, `POST /v1/traces` and `POST /v1/logs`, as the specification says:
 * authenticate, check the content type, read the body within the limit (before and after
 * decompression), decode, and hand the spans or log records to their sink. A 200 is sent only
 * once the sink holds them durably.
 */
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type { TenantDirectory } from '../../core/index.ts'
import { accessLog, counter, type Log } from '../../telemetry/index.ts'
import type { OtlpEncoding } from '../otlp/index.ts'
import { presentedKey } from './ingest-key.ts'
import { METRICS_NOT_STORED } from './unstored-signals.ts'
import { decodeContent, readLimited } from './request-body.ts'
import { encodingOf, errorAnswer, exportAnswer } from './otlp-answer.ts'
import { createTraceExport, tooLarge, type ExportOutcome, type TraceExport, type TraceExportDeps } from './trace-export.ts'
import type { LogExport } from './log-export.ts'
import type { OtlpSignal } from '../otlp/index.ts'

/** The tenant a request proved it belongs to, for the access log. */
type ReceiverEnv = { Variables: { tenant?: string } }

/** What the receiver needs: the export's needs, and the keys and logs of the edge. */
export interface ReceiverDeps extends TraceExportDeps {
  readonly tenants: TenantDirectory
  /** Where unexpected errors are reported. */
  readonly log: Log
  /** Where each request is recorded once answered; none when absent. */
  readonly accessLog?: Log
  /** The export shared with the gRPC receiver; made from the deps when absent. */
  readonly traceExport?: TraceExport
  /** The logs export shared with the gRPC receiver; without one `/v1/logs` answers 404. */
  readonly logExport?: LogExport
  /** Origins whose pages may export from a browser (a storefront's checkout spans); `*` for any; none when absent. */
  readonly corsOrigins?: readonly string[]
}

/** Builds the receiver app. */
export function createReceiverApp(deps: ReceiverDeps): Hono<ReceiverEnv> {
  const traces = deps.traceExport ?? createTraceExport(deps)
  const requests = counter(deps.metrics, {
    name: 'throughline_otlp_requests_total',
    help: 'OTLP export requests by HTTP status.',
    labelNames: ['status'],
  })

  const app = new Hono<ReceiverEnv>()
  if (deps.accessLog) app.use('*', accessLog(deps.accessLog))
  const origins = deps.corsOrigins ?? []
  if (origins.length > 0) {
    // A browser asks first whether its page may send JSON with a key header; only the listed origins are told yes.
    app.use(
      '/v1/*',
      cors({
        origin: origins.includes('*') ? '*' : [...origins],
        allowMethods: ['POST'],
        allowHeaders: ['content-type', 'content-encoding', 'authorization', 'x-api-key'],
        maxAge: 600,
      }),
    )
  }
  app.post('/v1/traces', async (c) => {
    const answer = await receive(c.req.raw, traces, 'traces', (tenant) => c.set('tenant', tenant))
    requests.inc({ status: String(answer.status) })
    return answer
  })
  const logs = deps.logExport
  if (logs) {
    app.post('/v1/logs', async (c) => {
      const answer = await receive(c.req.raw, logs, 'logs', (tenant) => c.set('tenant', tenant))
      requests.inc({ status: String(answer.status) })
      return answer
    })
  }
  app.post('/v1/metrics', (c) => {
    const answer = acceptUnstored(c.req.raw, METRICS_NOT_STORED, (tenant) => c.set('tenant', tenant))
    requests.inc({ status: String(answer.status) })
    return answer
  })
  app.all('*', (c) =>
    c.json(
      {
        error: {
          code: 'not_found',
          message:
            'this port receives OTLP/HTTP traces at POST /v1/traces and logs at POST /v1/logs (and metrics at POST /v1/metrics, not stored)',
        },
      },
      404,
    ),
  )
  app.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path }, 'unexpected error in the receiver')
    return errorAnswer('json', 500, 'internal error')
  })
  return app

  /** The tenant of a request's key, or the 401 that refuses it. */
  function tenantOf(request: Request, replyAs: OtlpEncoding): { tenant: string } | Response {
    const key = presentedKey(request.headers.get('authorization') ?? undefined, request.headers.get('x-api-key') ?? undefined)
    const tenant = key === undefined ? undefined : deps.tenants.byIngestKey(key)
    if (tenant) return { tenant }
    return errorAnswer(
      replyAs,
      401,
      key === undefined ? 'missing ingest key: send Authorization: Bearer <key> or x-api-key' : 'unknown ingest key',
    )
  }

  /** A signal taken from a tenant and not stored: a success that says so, the body never read. */
  function acceptUnstored(request: Request, message: string, identified: (tenant: string) => void): Response {
    const encoding = encodingOf(request.headers.get('content-type') ?? undefined)
    const known = tenantOf(request, encoding ?? 'json')
    if (known instanceof Response) return known
    identified(known.tenant)
    if (!encoding) return errorAnswer('json', 415, 'Content-Type must be application/x-protobuf or application/json')
    return exportAnswer(encoding, 0, message, 'metrics')
  }

  async function receive(
    request: Request,
    signal: TraceExport,
    signalName: OtlpSignal,
    identified: (tenant: string) => void,
  ): Promise<Response> {
    const answer = (replyAs: OtlpEncoding, outcome: ExportOutcome): Response => exportOutcomeAnswer(replyAs, outcome, signalName)
    const encoding = encodingOf(request.headers.get('content-type') ?? undefined)
    const replyAs: OtlpEncoding = encoding ?? 'json'
    const known = tenantOf(request, replyAs)
    if (known instanceof Response) return known
    const tenant = known.tenant
    identified(tenant)
    if (!encoding) return errorAnswer('json', 415, 'Content-Type must be application/x-protobuf or application/json')

    const declared = Number(request.headers.get('content-length') ?? '0')
    if (declared > deps.maxRequestBytes) return answer(replyAs, signal.refuse(tooLarge(deps.maxRequestBytes)))
    const raw = await readLimited(request.body, deps.maxRequestBytes)
    if (!raw.ok) return answer(replyAs, signal.refuse(tooLarge(deps.maxRequestBytes)))
    const body = await decodeContent(raw.value, request.headers.get('content-encoding') ?? undefined, deps.maxRequestBytes)
    if (!body.ok) {
      const problem = body.error
      if (problem.kind === 'too_large') return answer(replyAs, signal.refuse(tooLarge(deps.maxRequestBytes)))
      if (problem.kind === 'unsupported_encoding')
        return errorAnswer(replyAs, 415, `Content-Encoding ${problem.encoding} is not supported; use gzip, deflate or none`)
      return answer(replyAs, signal.refuse({ kind: 'undecodable', message: problem.message }))
    }
    return answer(replyAs, await signal.take(tenant, encoding, body.value))
  }
}

/** An export's outcome as OTLP/HTTP says: 200 with partial success, 400, 413, or 503 with Retry-After. */
function exportOutcomeAnswer(encoding: OtlpEncoding, outcome: ExportOutcome, signal: OtlpSignal): Response {
  if (outcome.ok) return exportAnswer(encoding, outcome.value.rejectedSpans, outcome.value.message, signal)
  const refusal = outcome.error
  if (refusal.kind === 'busy') return errorAnswer(encoding, 503, refusal.message, refusal.retryAfterSeconds)
  return errorAnswer(encoding, refusal.kind === 'too_large' ? 413 : 400, refusal.message)
}
