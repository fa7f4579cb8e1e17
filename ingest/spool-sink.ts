/**
 * The receiver's sinks over the spool: a request's spans become rows of the spans table (its log
 * records, rows of the logs table), written
 * as text ClickHouse parses (see spool-payload.ts) into one spool record, so the 200 waits only
 * for an fsync and the drain stores the text without decoding anything again. A request retried
 * while its first copy is recent is answered from that copy rather than spooled twice; storage
 * would keep one anyway.
 */
import type { LogRecord, SpanRecord } from '../core/index.ts'
import { gauge, type MetricRegistry } from '../telemetry/index.ts'
import type { Acceptance, LogSink, SpanSink, Spool } from '../collector/index.ts'
import { toSpanRow, type KeyRecogniser, type SpanStageNamer } from '../spans/index.ts'
import { logIdOf, toLogRow } from '../logs/index.ts'
import { logRowsPayload, spanRowsPayload } from './spool-payload.ts'

/** How many recent request ids are remembered for answering retries. */
const RECENT_REQUESTS = 4096

/**
 * Appends a request's payload once: a request retried while its first copy is recent is answered
 * from that copy; a refused one is forgotten, so the client's retry is spooled afresh.
 */
function onceEach(spool: Spool): (tenant: string, requestId: string, payload: () => Buffer) => Promise<Acceptance> {
  const recent = new Map<string, Promise<Acceptance>>()
  return (tenant, requestId, payload) => {
    const earlier = recent.get(requestId)
    if (earlier) return earlier
    const answer = spool.append({ tenant, requestId, payload: payload() }).then((result) => {
      if (!result.ok) recent.delete(requestId)
      return result
    })
    recent.set(requestId, answer)
    if (recent.size > RECENT_REQUESTS) recent.delete(recent.keys().next().value!)
    return answer
  }
}

/** A sink that answers once the request's rows are durable in the spool. */
export function spoolSink(spool: Spool, metrics: MetricRegistry, keys: KeyRecogniser, stages?: SpanStageNamer): SpanSink {
  gauge(metrics, {
    name: 'throughline_spool_bytes',
    help: 'Bytes of accepted requests in the spool, not yet stored in ClickHouse.',
    collect() {
      this.set(spool.spoolBytes())
    },
  })
  const append = onceEach(spool)
  return {
    accept: (tenant: string, spans: readonly SpanRecord[], requestId: string) =>
      append(tenant, requestId, () => spanRowsPayload(spans.map((span) => toSpanRow(tenant, span, keys, stages)))),
  }
}

/** The log records' sink over the same spool: their rows are stored by the same drain, with the same durability. */
export function spoolLogSink(spool: Spool, keys: KeyRecogniser, stages?: SpanStageNamer): LogSink {
  const append = onceEach(spool)
  return {
    accept: (tenant: string, records: readonly LogRecord[], requestId: string) =>
      append(tenant, requestId, () =>
        logRowsPayload(records.map((record, index) => toLogRow(tenant, record, logIdOf(requestId, index), keys, stages))),
      ),
  }
}
