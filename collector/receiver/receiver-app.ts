/**
 * The OTLP/HTTP receiver, `POST /v1/traces`, as the specification says: authenticate, check the
 * content type, read the body within the limit (before and after decompression), decode, and
 * hand the spans to the sink. A 200 is sent only once the sink holds the spans durably.
 */
import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import type { TenantDirectory } from '../../core/index.ts'
import { accessLog, counter, type Log, type MetricRegistry } from '../../telemetry/index.ts'
import {
  admitSpans,
  decodeTraces,
  SPAN_REJECTION_REASONS,
  type DecodeLimits,
  type OtlpEncoding,
  type SpanTimeWindow,
} from '../otlp/index.ts'
import { decodeContent, readLimited } from './request-body.ts'
import { encodingOf, errorAnswer, exportAnswer } from './otlp-answer.ts'
import type { SpanSink } from './span-sink.ts'
import type { RejectionLog } from './rejection-log.ts'

/** Why the receiver refuses spans: each series starts at zero, so a rate over it is defined from the first scrape. */
const RECEIVER_REJECTION_REASONS = [...SPAN_REJECTION_REASONS, 'too_large', 'undecodable', 'back_pressure'] as const

/** The tenant a request proved it belongs to, for the access log. */
type ReceiverEnv = { Variables: { tenant?: string } }

/** What the receiver needs. */
export interface ReceiverDeps {
  readonly tenants: TenantDirectory
  readonly sink: SpanSink
  readonly metrics: MetricRegistry
  readonly maxRequestBytes: number
  /**
   * Most characters a request may grow to once its resource attributes are copied onto each of
   * its spans' rows; past it the request is refused with 413, so 100 KB of gzip cannot become
   * hundreds of megabytes of spool.
   */
  readonly maxExpandedChars: number
  readonly limits: DecodeLimits
  /** Start times outside it are refused span by span. */
  readonly window: SpanTimeWindow
  /** Where refused spans are remembered for the rejections list. */
  readonly rejections: RejectionLog
  /** Where unexpected errors are reported. */
  readonly log: Log
  /** Where each request is recorded once answered; none when absent. */
  readonly accessLog?: Log
  readonly clock?: () => number
}

function presentedKey(authorization: string | undefined, apiKey: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
  return bearer ?? (apiKey?.trim() || undefined)
}

/** Builds the receiver app. */
export function createReceiverApp(deps: ReceiverDeps): Hono<ReceiverEnv> {
  const received = counter(deps.metrics, {
    name: 'throughline_spans_received_total',
    help: 'Spans decoded from OTLP requests, accepted or not.',
  })
  const rejected = counter(deps.metrics, {
    name: 'throughline_spans_rejected_total',
    help: 'Spans refused, by reason.',
    labelNames: ['reason'],
  })
  for (const reason of RECEIVER_REJECTION_REASONS) rejected.inc({ reason }, 0)
  const truncated = counter(deps.metrics, {
    name: 'throughline_attributes_truncated_total',
    help: 'Attribute values, attributes, events or links cut to the limits.',
  })
  const requests = counter(deps.metrics, {
    name: 'throughline_otlp_requests_total',
    help: 'OTLP export requests by HTTP status.',
    labelNames: ['status'],
  })
  const clock = deps.clock ?? Date.now

  const app = new Hono<ReceiverEnv>()
  if (deps.accessLog) app.use('*', accessLog(deps.accessLog))
  app.post('/v1/traces', async (c) => {
    const answer = await receive(c.req.raw, (tenant) => c.set('tenant', tenant))
    requests.inc({ status: String(answer.status) })
    return answer
  })
  app.all('*', (c) => c.json({ error: { code: 'not_found', message: 'this port receives OTLP/HTTP traces at POST /v1/traces' } }, 404))
  app.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path }, 'unexpected error in the receiver')
    return errorAnswer('json', 500, 'internal error')
  })
  return app

  async function receive(request: Request, identified: (tenant: string) => void): Promise<Response> {
    const encoding = encodingOf(request.headers.get('content-type') ?? undefined)
    const replyAs: OtlpEncoding = encoding ?? 'json'
    const key = presentedKey(request.headers.get('authorization') ?? undefined, request.headers.get('x-api-key') ?? undefined)
    const tenant = key === undefined ? undefined : deps.tenants.byIngestKey(key)
    if (!tenant)
      return errorAnswer(
        replyAs,
        401,
        key === undefined ? 'missing ingest key: send Authorization: Bearer <key> or x-api-key' : 'unknown ingest key',
      )
    identified(tenant)
    if (!encoding) return errorAnswer('json', 415, 'Content-Type must be application/x-protobuf or application/json')

    const declared = Number(request.headers.get('content-length') ?? '0')
    if (declared > deps.maxRequestBytes) return tooLarge(replyAs)
    const raw = await readLimited(request.body, deps.maxRequestBytes)
    if (!raw.ok) return tooLarge(replyAs)
    const body = await decodeContent(raw.value, request.headers.get('content-encoding') ?? undefined, deps.maxRequestBytes)
    if (!body.ok) {
      const problem = body.error
      if (problem.kind === 'too_large') return tooLarge(replyAs)
      if (problem.kind === 'unsupported_encoding')
        return errorAnswer(replyAs, 415, `Content-Encoding ${problem.encoding} is not supported; use gzip, deflate or none`)
      return badRequest(replyAs, problem.message)
    }
    const bytes = body.value
    const decodedRequest = decodeTraces(encoding, bytes, deps.limits)
    if (!decodedRequest.ok) return badRequest(replyAs, decodedRequest.error)
    const now = clock()
    const decoded = admitSpans(decodedRequest.value, deps.window, now, deps.limits)
    received.inc(decoded.spans.length + decoded.rejectedSpans)
    if (decoded.truncated > 0) truncated.inc(decoded.truncated)
    if (bytes.byteLength + decoded.resourceCopyChars > deps.maxExpandedChars) {
      rejected.inc({ reason: 'too_large' }, decoded.spans.length + decoded.rejectedSpans)
      return errorAnswer(
        replyAs,
        413,
        `the request would grow to over ${deps.maxExpandedChars} characters of rows: its resource attributes (${decoded.resourceCopyChars} characters in all) are stored with each of its ${decoded.spans.length} spans; send fewer spans per request or smaller resources`,
      )
    }
    if (decoded.rejectedSpans > 0) {
      for (const [reason, count] of Object.entries(decoded.rejectedByReason)) rejected.inc({ reason }, count)
      deps.rejections.record(tenant, new Date(now), decoded.rejectedByReason, decoded.rejections)
    }

    if (decoded.spans.length > 0) {
      const requestId = createHash('sha256').update(tenant).update('\0').update(bytes).digest('hex')
      const result = await deps.sink.accept(tenant, decoded.spans, requestId)
      if (!result.ok) {
        rejected.inc({ reason: 'back_pressure' }, decoded.spans.length)
        return errorAnswer(replyAs, 503, result.error.reason, result.error.retryAfterSeconds)
      }
    }
    return exportAnswer(replyAs, decoded.rejectedSpans, decoded.rejectionMessage)
  }

  function tooLarge(encoding: OtlpEncoding): Response {
    rejected.inc({ reason: 'too_large' })
    return errorAnswer(encoding, 413, `request body over ${deps.maxRequestBytes} bytes (checked after decompression too)`)
  }

  function badRequest(encoding: OtlpEncoding, message: string): Response {
    rejected.inc({ reason: 'undecodable' })
    return errorAnswer(encoding, 400, message)
  }
}
