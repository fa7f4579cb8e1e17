/**
 * The receiver's sink over the spool: a request's spans become rows of the spans table, written
 * as text ClickHouse parses (see spool-payload.ts) into one spool record, so the 200 waits only
 * for an fsync and the drain stores the text without decoding anything again. A request retried
 * while its first copy is recent is answered from that copy rather than spooled twice; storage
 * would keep one anyway.
 */
import type { SpanRecord } from '../core/index.ts'
import { gauge, type MetricRegistry } from '../telemetry/index.ts'
import type { Acceptance, SpanSink, Spool } from '../collector/index.ts'
import { toSpanRow, type KeyRecogniser, type SpanStageNamer } from '../spans/index.ts'
import { spanRowsPayload } from './spool-payload.ts'

/** How many recent request ids are remembered for answering retries. */
const RECENT_REQUESTS = 4096

/** A sink that answers once the request's rows are durable in the spool. */
export function spoolSink(spool: Spool, metrics: MetricRegistry, keys: KeyRecogniser, stages?: SpanStageNamer): SpanSink {
  gauge(metrics, {
    name: 'throughline_spool_bytes',
    help: 'Bytes of accepted requests in the spool, not yet stored in ClickHouse.',
    collect() {
      this.set(spool.spoolBytes())
    },
  })
  const recent = new Map<string, Promise<Acceptance>>()

  async function append(tenant: string, spans: readonly SpanRecord[], requestId: string): Promise<Acceptance> {
    const result = await spool.append({
      tenant,
      requestId,
      payload: spanRowsPayload(spans.map((span) => toSpanRow(tenant, span, keys, stages))),
    })
    // Refused: forget it, so the client's retry is spooled afresh.
    if (!result.ok) recent.delete(requestId)
    return result
  }

  return {
    accept(tenant: string, spans: readonly SpanRecord[], requestId: string): Promise<Acceptance> {
      const earlier = recent.get(requestId)
      if (earlier) return earlier
      const answer = append(tenant, spans, requestId)
      recent.set(requestId, answer)
      if (recent.size > RECENT_REQUESTS) recent.delete(recent.keys().next().value!)
      return answer
    },
  }
}
