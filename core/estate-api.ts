/**
 * The estate API's JSON shapes: what the spans alone say about the integrations between systems
 * (latency, hops, slow and failed traces, failed messages, stock readings). Schemas for the
 * server that answers `GET /api/estate/*`, types for the dashboard's IT, overview and operations pages.
 */
import { z } from 'zod'
import { attributesSchema } from './api.ts'

export const estateScopeSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    service: z.string().optional(),
    span: z.string().optional(),
    store: z.string().optional(),
    channel: z.string().optional(),
    region: z.string().optional(),
  })
  .meta({ id: 'EstateScope', description: 'The time window and filters an answer covers, echoed back so a page can say what it shows.' })
export type EstateScope = z.infer<typeof estateScopeSchema>

export const latencyStatsSchema = z
  .object({
    count: z.number(),
    errors: z.number(),
    p50Ms: z.number(),
    p95Ms: z.number(),
    p99Ms: z.number(),
  })
  .meta({ id: 'LatencyStats', description: 'Request count, errors and latency percentiles of a set of spans.' })
export type LatencyStats = z.infer<typeof latencyStatsSchema>

export const latencyPointSchema = latencyStatsSchema
  .extend({
    at: z.string().describe("The bucket's start."),
  })
  .meta({ id: 'LatencyPoint', description: 'One bucket of a latency series.' })
export type LatencyPoint = z.infer<typeof latencyPointSchema>

export const latencySeriesSchema = z
  .object({
    name: z.string().describe('The service, or the span name when one service is selected.'),
    system: z.string().describe('`retail.system` of the service; empty when unknown.'),
    total: latencyStatsSchema,
    points: z.array(latencyPointSchema).readonly().describe('Buckets with at least one span, oldest first.'),
  })
  .meta({ id: 'LatencySeries', description: "A service's (or a span name's) latency and errors over the window, bucket by bucket." })
export type LatencySeries = z.infer<typeof latencySeriesSchema>

export const estateLatencyResponseSchema = estateScopeSchema
  .extend({
    stepSeconds: z.number(),
    groupBy: z
      .enum(['service', 'span'])
      .describe("`service`: entry spans (server, consumer, root) per service; `span`: a service's spans per name."),
    series: z.array(latencySeriesSchema).readonly().describe('Busiest first, at most 20.'),
  })
  .meta({
    id: 'EstateLatencyResponse',
    description: '`GET /api/estate/latency`: entry spans per service, or every span of one service per span name.',
  })
export type EstateLatencyResponse = z.infer<typeof estateLatencyResponseSchema>

export const estateServiceSchema = latencyStatsSchema
  .extend({
    service: z.string(),
    system: z.string(),
  })
  .meta({ id: 'EstateService', description: 'A service as a node of the estate map.' })
export type EstateService = z.infer<typeof estateServiceSchema>

export const estateHopSchema = latencyStatsSchema
  .extend({
    kind: z.enum(['call', 'message']),
    fromService: z.string(),
    fromSystem: z.string(),
    toService: z.string(),
    toSystem: z.string(),
    operations: z.array(z.string()).readonly().describe('Call targets (`/orders`) or message destinations (`sales-orders`), at most five.'),
    retries: z.number().describe('Deliveries that were retries (`retail.retry.attempt`).'),
    deadLetters: z.number().describe('Deliveries given up on (`retail.dead_letter`).'),
    queueDelay: z
      .object({ p50Ms: z.number(), p95Ms: z.number() })
      .optional()
      .describe('Messages only: the wait from the send to the start of processing, apart from the processing itself.'),
  })
  .meta({
    id: 'EstateHop',
    description:
      "Traffic from one service to another: HTTP calls (a client span and the server span under it) or messages (a consumer span linked to its producer's span, or its child).",
  })
export type EstateHop = z.infer<typeof estateHopSchema>

export const estateHopsResponseSchema = estateScopeSchema
  .extend({
    hops: z.array(estateHopSchema).readonly().describe("Latency is the caller's wait for a call, and send to processed for a message."),
    services: z.array(estateServiceSchema).readonly().describe('Entry-span statistics of every service seen in the window.'),
  })
  .meta({ id: 'EstateHopsResponse', description: '`GET /api/estate/hops`: the estate as a map of services and the hops between them.' })
export type EstateHopsResponse = z.infer<typeof estateHopsResponseSchema>

export const estateKeyValueSchema = z
  .object({
    key: z.string(),
    value: z.string(),
  })
  .meta({ id: 'EstateKeyValue', description: 'A business key a span or trace carried.' })
export type EstateKeyValue = z.infer<typeof estateKeyValueSchema>

export const estateTraceSchema = z
  .object({
    traceId: z.string(),
    startTime: z.string(),
    durationMs: z.number(),
    spanCount: z.number(),
    errorCount: z.number(),
    rootService: z.string().describe("The root span's service; empty when the root has not arrived."),
    rootSpan: z.string().describe("The root span's name; empty when the root has not arrived."),
    services: z.array(z.string()).readonly(),
    error: z.string().describe("The first error's message, if any span failed."),
    keys: z.array(estateKeyValueSchema).readonly(),
  })
  .meta({ id: 'EstateTrace', description: 'One trace in a list of slow or failed traces.' })
export type EstateTrace = z.infer<typeof estateTraceSchema>

export const estateTracesResponseSchema = estateScopeSchema
  .extend({
    traces: z.array(estateTraceSchema).readonly().describe('Slowest first, or newest first for failed traces.'),
  })
  .meta({ id: 'EstateTracesResponse', description: '`GET /api/estate/slow-traces` and `GET /api/estate/failed-traces`.' })
export type EstateTracesResponse = z.infer<typeof estateTracesResponseSchema>

export const messageProblemSchema = z.enum(['dead_letter', 'failed', 'retried']).meta({
  id: 'MessageProblem',
  description: 'What went wrong with a message: given up on, failed, or retried.',
})
export type MessageProblem = z.infer<typeof messageProblemSchema>

export const replayStateSchema = z.enum(['waiting', 'replayed', 'replay_succeeded', 'replay_failed']).meta({
  id: 'ReplayState',
  description:
    'What became of a dead letter: still waiting for a replay, replayed and not processed yet, replayed and processed, or replayed and failed again.',
})
export type ReplayState = z.infer<typeof replayStateSchema>

export const deadLetterReplaySchema = z
  .object({
    state: replayStateSchema,
    replays: z.number().describe('Sends that re-sent the message after it was dead-lettered.'),
    waitingMs: z.number().optional().describe('Still waiting: how long ago it was dead-lettered.'),
    replayedAt: z.string().optional().describe("The latest replay's send."),
    replay: z
      .object({ traceId: z.string(), spanId: z.string(), service: z.string(), system: z.string(), span: z.string() })
      .optional()
      .describe("The latest replay's send span."),
    processedAt: z.string().optional().describe('When the replayed message was last processed.'),
  })
  .meta({
    id: 'DeadLetterReplay',
    description:
      'A dead letter followed to its outcome. A replay is a later send that names it (`retail.replay.of`: the original send as `<trace id>-<span id>`, the dead-lettered span, or `messaging.message.id`) or links to either span.',
  })
export type DeadLetterReplay = z.infer<typeof deadLetterReplaySchema>

export const estateMessageSchema = z
  .object({
    at: z.string(),
    traceId: z.string(),
    spanId: z.string(),
    service: z.string(),
    system: z.string(),
    span: z.string(),
    kind: z.enum(['producer', 'consumer', 'other']),
    destination: z.string().describe('`messaging.destination.name`; empty when the span does not name one.'),
    problem: messageProblemSchema,
    attempt: z.number().describe('`retail.retry.attempt`; 0 on a first delivery.'),
    message: z.string(),
    businessKeys: attributesSchema,
    replay: deadLetterReplaySchema.optional().describe('Dead letters only: what became of it.'),
  })
  .meta({ id: 'EstateMessage', description: 'One message delivery that failed, was a retry, or was dead-lettered.' })
export type EstateMessage = z.infer<typeof estateMessageSchema>

export const estateMessagesResponseSchema = estateScopeSchema
  .extend({
    counts: z.object({ failed: z.number(), retried: z.number(), deadLettered: z.number() }),
    replays: z
      .object({
        waiting: z.number(),
        replayed: z.number(),
        replay_succeeded: z.number(),
        replay_failed: z.number(),
        oldestWaitingAt: z.string().optional().describe('The oldest dead letter still waiting for a replay.'),
      })
      .describe("The window's dead letters by what became of them."),
    messages: z.array(estateMessageSchema).readonly(),
  })
  .meta({
    id: 'EstateMessagesResponse',
    description: '`GET /api/estate/failed-messages`: newest first, with totals over the whole window.',
  })
export type EstateMessagesResponse = z.infer<typeof estateMessagesResponseSchema>

export const stockReadingSchema = z
  .object({
    system: z.string(),
    onHand: z.number(),
    at: z.string(),
    traceId: z.string(),
  })
  .meta({ id: 'StockReading', description: "One system's latest stock reading of a SKU at a location." })
export type StockReading = z.infer<typeof stockReadingSchema>

export const stockMismatchSchema = z
  .object({
    sku: z.string(),
    location: z.string(),
    store: z.string(),
    channel: z.string(),
    unitsApart: z.number().describe('The largest minus the smallest reading.'),
    readings: z.array(stockReadingSchema).readonly(),
  })
  .meta({ id: 'StockMismatch', description: 'A SKU whose systems disagree on the stock at one location.' })
export type StockMismatch = z.infer<typeof stockMismatchSchema>

export const stockMismatchGroupSchema = z
  .object({
    name: z.string(),
    skus: z.number(),
    unitsApart: z.number(),
  })
  .meta({ id: 'StockMismatchGroup', description: 'Mismatches summed per store or channel.' })
export type StockMismatchGroup = z.infer<typeof stockMismatchGroupSchema>

export const estateStockResponseSchema = estateScopeSchema
  .extend({
    tolerance: z.number(),
    settleSeconds: z.number(),
    mismatches: z.array(stockMismatchSchema).readonly(),
    byStore: z.array(stockMismatchGroupSchema).readonly(),
    byChannel: z.array(stockMismatchGroupSchema).readonly(),
    comparedPairs: z.number().describe('SKU and location pairs read by two systems or more.'),
    stepSeconds: z.number(),
    overTime: z
      .array(z.object({ at: z.string(), mismatches: z.number() }))
      .readonly()
      .describe(
        "Pairs in disagreement at each bucket's end (and at the window's end), over the window's readings up to then; the last counts the whole list.",
      ),
    truncated: z
      .boolean()
      .describe('True when there were more mismatches than the answer holds (the groups then count only those listed).'),
  })
  .meta({
    id: 'EstateStockResponse',
    description: '`GET /api/estate/stock`: SKUs whose latest on-hand differs between systems, now and `settle` ago.',
  })
export type EstateStockResponse = z.infer<typeof estateStockResponseSchema>

export const estateFiltersResponseSchema = estateScopeSchema
  .extend({
    stores: z.array(z.string()).readonly(),
    channels: z.array(z.string()).readonly(),
    regions: z.array(z.string()).readonly(),
    services: z.array(z.string()).readonly(),
  })
  .meta({
    id: 'EstateFiltersResponse',
    description: '`GET /api/estate/filters`: stores, channels, regions and services seen in the window, for the filter lists.',
  })
export type EstateFiltersResponse = z.infer<typeof estateFiltersResponseSchema>
