/**
 * The estate API's JSON shapes: what the spans alone say about the integrations between systems
 * (latency, hops, slow and failed traces, failed messages, stock readings), shared by the server
 * that answers `GET /api/estate/*` and the dashboard's IT, overview and operations pages.
 */
import type { Attributes } from './span.ts'

/** The time window and filters an answer covers, echoed back so a page can say what it shows. */
export interface EstateScope {
  readonly from: string
  readonly to: string
  readonly service?: string
  readonly span?: string
  readonly store?: string
  readonly channel?: string
  readonly region?: string
}

/** Request count, errors and latency percentiles of a set of spans. */
export interface LatencyStats {
  readonly count: number
  readonly errors: number
  readonly p50Ms: number
  readonly p95Ms: number
  readonly p99Ms: number
}

/** One bucket of a latency series. */
export interface LatencyPoint extends LatencyStats {
  /** The bucket's start. */
  readonly at: string
}

/** A service's (or a span name's) latency and errors over the window, bucket by bucket. */
export interface LatencySeries {
  /** The service, or the span name when one service is selected. */
  readonly name: string
  /** `retail.system` of the service; empty when unknown. */
  readonly system: string
  readonly total: LatencyStats
  /** Buckets with at least one span, oldest first. */
  readonly points: readonly LatencyPoint[]
}

/** `GET /api/estate/latency`: entry spans per service, or every span of one service per span name. */
export interface EstateLatencyResponse extends EstateScope {
  readonly stepSeconds: number
  /** `service`: entry spans (server, consumer, root) per service; `span`: a service's spans per name. */
  readonly groupBy: 'service' | 'span'
  /** Busiest first, at most 20. */
  readonly series: readonly LatencySeries[]
}

/** A service as a node of the estate map. */
export interface EstateService extends LatencyStats {
  readonly service: string
  readonly system: string
}

/**
 * Traffic from one service to another: HTTP calls (a client span and the server span under it)
 * or messages (a consumer span linked to its producer's span).
 */
export interface EstateHop extends LatencyStats {
  readonly kind: 'call' | 'message'
  readonly fromService: string
  readonly fromSystem: string
  readonly toService: string
  readonly toSystem: string
  /** Call targets (`/orders`) or message destinations (`sales-orders`), at most five. */
  readonly operations: readonly string[]
  /** Deliveries that were retries (`retail.retry.attempt`). */
  readonly retries: number
  /** Deliveries given up on (`retail.dead_letter`). */
  readonly deadLetters: number
}

/** `GET /api/estate/hops`: the estate as a map of services and the hops between them. */
export interface EstateHopsResponse extends EstateScope {
  /** Latency is the caller's wait for a call, and send to processed for a message. */
  readonly hops: readonly EstateHop[]
  /** Entry-span statistics of every service seen in the window. */
  readonly services: readonly EstateService[]
}

/** A business key a span or trace carried. */
export interface EstateKeyValue {
  readonly key: string
  readonly value: string
}

/** One trace in a list of slow or failed traces. */
export interface EstateTrace {
  readonly traceId: string
  readonly startTime: string
  readonly durationMs: number
  readonly spanCount: number
  readonly errorCount: number
  /** The root span's service and name; empty when the root has not arrived. */
  readonly rootService: string
  readonly rootSpan: string
  readonly services: readonly string[]
  /** The first error's message, if any span failed. */
  readonly error: string
  readonly keys: readonly EstateKeyValue[]
}

/** `GET /api/estate/slow-traces` and `GET /api/estate/failed-traces`. */
export interface EstateTracesResponse extends EstateScope {
  /** Slowest first, or newest first for failed traces. */
  readonly traces: readonly EstateTrace[]
}

/** What went wrong with a message: given up on, failed, or retried. */
export type MessageProblem = 'dead_letter' | 'failed' | 'retried'

/** One message delivery that failed, was a retry, or was dead-lettered. */
export interface EstateMessage {
  readonly at: string
  readonly traceId: string
  readonly spanId: string
  readonly service: string
  readonly system: string
  readonly span: string
  readonly kind: 'producer' | 'consumer' | 'other'
  /** `messaging.destination.name`; empty when the span does not name one. */
  readonly destination: string
  readonly problem: MessageProblem
  /** `retail.retry.attempt`; 0 on a first delivery. */
  readonly attempt: number
  readonly message: string
  readonly businessKeys: Attributes
}

/** `GET /api/estate/failed-messages`: newest first, with totals over the whole window. */
export interface EstateMessagesResponse extends EstateScope {
  readonly counts: { readonly failed: number; readonly retried: number; readonly deadLettered: number }
  readonly messages: readonly EstateMessage[]
}

/** One system's latest stock reading of a SKU at a location. */
export interface StockReading {
  readonly system: string
  readonly onHand: number
  readonly at: string
  readonly traceId: string
}

/** A SKU whose systems disagree on the stock at one location. */
export interface StockMismatch {
  readonly sku: string
  readonly location: string
  readonly store: string
  readonly channel: string
  /** The largest minus the smallest reading. */
  readonly unitsApart: number
  readonly readings: readonly StockReading[]
}

/** Mismatches summed per store or channel. */
export interface StockMismatchGroup {
  readonly name: string
  readonly skus: number
  readonly unitsApart: number
}

/** `GET /api/estate/stock`: SKUs whose latest on-hand differs between systems, now and `settle` ago. */
export interface EstateStockResponse extends EstateScope {
  readonly tolerance: number
  readonly settleSeconds: number
  readonly mismatches: readonly StockMismatch[]
  readonly byStore: readonly StockMismatchGroup[]
  readonly byChannel: readonly StockMismatchGroup[]
  /** SKU and location pairs read by two systems or more. */
  readonly comparedPairs: number
  /** True when there were more mismatches than the answer holds (the groups then count only those listed). */
  readonly truncated: boolean
}

/** `GET /api/estate/filters`: stores, channels, regions and services seen in the window, for the filter lists. */
export interface EstateFiltersResponse extends EstateScope {
  readonly stores: readonly string[]
  readonly channels: readonly string[]
  readonly regions: readonly string[]
  readonly services: readonly string[]
}
