/**
 * What the journey-span index holds, in one place for the backfill that fills it and the lookup
 * that reads spans the index does not reach yet. The view that indexes new spans is migration
 * 21's, written out there: a change here needs a migration that recreates
 * `journey_spans_from_spans_mv` with the same rows.
 */
import { sql, type Sql } from '../../storage/index.ts'

/** The spans the index holds: stages, errors, retries, dead letters, messages toward stores. */
export const JOURNEY_SPAN_CONDITION = sql`(Stage != '' OR StatusCode = 'error' OR DeadLetter = 1 OR RetryAttempt > 0 OR (SpanKind = 'producer' AND RetailStore != ''))`

/** A span's message as evidence: a dead letter's own reason (a stock instrumentation's nack overwrites the status), else its status message. */
export const EVIDENCE_MESSAGE = sql`multiIf(SpanAttributes['retail.dead_letter.reason'] != '', SpanAttributes['retail.dead_letter.reason'],
  arrayExists(a -> a['retail.dead_letter.reason'] != '', Events.Attributes),
  arrayFirst(a -> a['retail.dead_letter.reason'] != '', Events.Attributes)['retail.dead_letter.reason'],
  StatusMessage)`

/** The index rows of a table's spans, of those that pass a time condition when one is given. */
export function journeySpanRows(from: Sql, when?: Sql): Sql {
  return sql`
    SELECT Tenant, TraceId, SpanId, Timestamp, ServiceName, RetailSystem, SpanName, SpanKind, StatusCode, ${EVIDENCE_MESSAGE} AS StatusMessage,
      Stage, BusinessKeys, RetailStore AS Store, DeadLetter, RetryAttempt AS Retries
    FROM ${from}
    WHERE ${JOURNEY_SPAN_CONDITION}${when ? sql` AND ${when}` : sql``}`
}
