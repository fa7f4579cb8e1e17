/**
 * The hand-off from receiver to storage: each accepted request is inserted as one batch with a
 * dedup token from its content, so a retried request is stored once. The number of requests in
 * flight is bounded; past it the receiver answers 503 with Retry-After instead of queueing
 * without limit.
 */
import type { MetricRegistry, SpanRecord } from '../core/index.ts'
import type { SinkResult, SpanSink } from '../collector/index.ts'
import type { SpanStore } from '../ingest/index.ts'

/** Limits of the hand-off. */
export interface StoreSinkOptions {
  readonly maxInFlightRequests: number
  /** Where refused inserts are reported. */
  readonly log: (error: unknown) => void
}

/** A sink that stores each request's spans before answering. */
export function storeSink(store: SpanStore, metrics: MetricRegistry, options: StoreSinkOptions): SpanSink {
  const stored = metrics.counter('throughline_spans_stored_total', 'Spans written to ClickHouse.')
  const failed = metrics.counter('throughline_insert_failures_total', 'Insert batches ClickHouse refused.')
  const latency = metrics.histogram('throughline_insert_duration_seconds', 'Time to insert one batch into ClickHouse.', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
  let inFlight = 0
  let inFlightBytes = 0
  metrics.gauge('throughline_spool_bytes', 'Bytes of accepted requests not yet stored.', () => inFlightBytes)

  return {
    async accept(tenant: string, spans: readonly SpanRecord[], requestId: string, bodyBytes: number): Promise<SinkResult> {
      if (inFlight >= options.maxInFlightRequests) {
        return { kind: 'busy', retryAfterSeconds: 1, reason: `storage is busy with ${inFlight} requests; retry shortly` }
      }
      inFlight += 1
      inFlightBytes += bodyBytes
      const started = performance.now()
      try {
        await store.insert(tenant, spans, requestId)
        stored.inc({}, spans.length)
        return { kind: 'stored' }
      } catch (error) {
        failed.inc()
        options.log(error)
        return { kind: 'busy', retryAfterSeconds: 5, reason: 'storage refused the batch; retry later' }
      } finally {
        latency.observe((performance.now() - started) / 1000)
        inFlight -= 1
        inFlightBytes -= bodyBytes
      }
    },
  }
}
