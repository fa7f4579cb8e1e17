/**
 * The journey-span index keeps a dead letter's own reason as its message. Stock messaging
 * instrumentations (amqplib's, for one) set the consumer span's status when it nacks, which
 * overwrites the reason `deadLetter()` gave; the reason survives as the span's
 * `retail.dead_letter.reason` attribute (SDKs from this version) or its dead-letter event's. The
 * new view is created before the old one goes, so no insert misses the index; a span indexed by
 * both in between is one row once merged, and lookups keep one row per span.
 */
import { sql, createView, dropView, storageRef } from '../../../storage/index.ts'
import type { Migration } from '../../../storage/index.ts'

/** Replaces the journey-span view with one that prefers a dead letter's reason to its status message. */
export const deadLetterReasons: Migration = {
  version: 21,
  name: 'dead-letter-reasons',
  statements: (target) => [
    createView(
      target,
      'journey_spans_from_spans_mv',
      'journey_spans',
      sql`
      SELECT Tenant, TraceId, SpanId, Timestamp, ServiceName, RetailSystem, SpanName, SpanKind, StatusCode,
        multiIf(SpanAttributes['retail.dead_letter.reason'] != '', SpanAttributes['retail.dead_letter.reason'],
          arrayExists(a -> a['retail.dead_letter.reason'] != '', Events.Attributes),
          arrayFirst(a -> a['retail.dead_letter.reason'] != '', Events.Attributes)['retail.dead_letter.reason'],
          StatusMessage) AS StatusMessage,
        Stage, BusinessKeys, RetailStore AS Store, DeadLetter, RetryAttempt AS Retries
      FROM ${storageRef(target, 'spans')}
      WHERE (Stage != '' OR StatusCode = 'error' OR DeadLetter = 1 OR RetryAttempt > 0 OR (SpanKind = 'producer' AND RetailStore != ''))`,
    ),
    dropView(target, 'journey_spans_mv'),
  ],
}
