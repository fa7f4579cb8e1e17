/**
 * What became of each dead letter: still waiting, replayed and not processed yet, replayed and
 * processed, or replayed and failed again. A replay is a send (a producer span) no earlier than
 * the dead letter that names it: in `retail.replay.of` (the SDK's `replay()` names the original
 * send as `<trace id>-<span id>`; an operator's tool may name the dead-lettered span, or the
 * message's `messaging.message.id`) or by a link to the original send or to the dead-lettered
 * span. The replay's processing is every consumer span of the message it sent, paired as the
 * message hops pair them (linked or child). One definition for the failed-messages view, the
 * journey lookup and the `dead_letter_unreplayed` rule.
 */
import { sql, tableRef, type SchemaTarget, type Sql } from '../../storage/index.ts'
import { PRODUCED_BY } from './semantic-conventions.ts'

/** What became of a dead letter. */
export type ReplayState = 'waiting' | 'replayed' | 'replay_succeeded' | 'replay_failed'

/** The names a replay may give a dead letter: its message's sends, the dead-lettered span, the message's id. */
const DEAD_LETTER_NAMES = sql`arrayConcat(
  arrayMap(p -> concat(p.1, '-', p.2), arrayFilter(p -> p.2 != '', ${PRODUCED_BY})),
  [concat(TraceId, '-', SpanId)],
  if(SpanAttributes['messaging.message.id'] != '', [SpanAttributes['messaging.message.id']], []))`

/** What a send names as the message it re-sends: the spans it links to and its `retail.replay.of`. */
const REPLAYED_NAMES = sql`arrayFilter(n -> n != '',
  arrayPushBack(arrayMap((t, s) -> concat(t, '-', s), Links.TraceId, Links.SpanId), SpanAttributes['retail.replay.of']))`

/** A processing that failed: an error status or a dead letter again. */
const FAILED = sql`(StatusCode = 'error' OR DeadLetter = 1)`

/**
 * Every send since `since` that names another message, with how its own message was processed:
 * how many of its deliveries succeeded and failed, and when it was last processed.
 */
function replaysSince(target: SchemaTarget, since: Date): Sql {
  const spans = tableRef(target, 'spans')
  return sql`
    SELECT sent.Tenant AS Tenant, sent.Name AS Name, sent.TraceId AS TraceId, sent.SpanId AS SpanId, sent.AtNs AS AtNs,
      sent.ServiceName AS ServiceName, sent.RetailSystem AS RetailSystem, sent.SpanName AS SpanName, countIf(processing.Failed = 0 AND processing.AtNs > 0) AS Succeeded,
      countIf(processing.Failed = 1) AS Failed, max(processing.AtNs) AS ProcessedNs
    FROM (
      SELECT Tenant, TraceId, SpanId, ServiceName, RetailSystem, SpanName, toUnixTimestamp64Nano(Timestamp) AS AtNs, Name
      FROM ${spans} ARRAY JOIN ${REPLAYED_NAMES} AS Name
      WHERE Timestamp >= ${since} AND SpanKind = 'producer'
    ) AS sent
    GLOBAL LEFT JOIN (
      SELECT Tenant, Produced.1 AS ProducerTraceId, Produced.2 AS ProducerSpanId, toUnixTimestamp64Nano(Timestamp) AS AtNs, ${FAILED} AS Failed
      FROM ${spans} ARRAY JOIN ${PRODUCED_BY} AS Produced
      WHERE Timestamp >= ${since} AND SpanKind = 'consumer'
    ) AS processing ON processing.Tenant = sent.Tenant AND processing.ProducerTraceId = sent.TraceId AND processing.ProducerSpanId = sent.SpanId
    GROUP BY Tenant, Name, TraceId, SpanId, AtNs, ServiceName, RetailSystem, SpanName`
}

/**
 * One row per dead letter the condition picks (over the spans table, as `DeadLetter = 1 AND ...`)
 * with what became of it: `state`, the number of replays, and the latest replay (when, where, and
 * when its message was last processed). Replays are looked for from `since` on, the earliest any
 * of these dead letters can have been replayed. `extra` adds columns of the dead-lettered span.
 */
export function deadLetterOutcomesQuery(target: SchemaTarget, deadLetters: Sql, since: Date, extra: Sql = sql``): Sql {
  const replayed = sql`(replay.SpanId != '' AND replay.AtNs >= dead.AtNs)`
  return sql`
    SELECT dead.Tenant AS tenant, dead.TraceId AS traceId, dead.SpanId AS spanId, any(dead.AtNs) AS deadNs${extra},
      uniqExactIf(replay.SpanId, ${replayed}) AS replays,
      maxIf(replay.AtNs, ${replayed}) AS replayedNs,
      argMaxIf(replay.TraceId, replay.AtNs, ${replayed}) AS replayTraceId,
      argMaxIf(replay.SpanId, replay.AtNs, ${replayed}) AS replaySpanId,
      argMaxIf(replay.ServiceName, replay.AtNs, ${replayed}) AS replayService,
      argMaxIf(replay.RetailSystem, replay.AtNs, ${replayed}) AS replaySystem,
      argMaxIf(replay.SpanName, replay.AtNs, ${replayed}) AS replaySpan,
      maxIf(replay.ProcessedNs, ${replayed}) AS processedNs,
      multiIf(replays = 0, 'waiting', sumIf(replay.Succeeded, ${replayed}) > 0, 'replay_succeeded',
        sumIf(replay.Failed, ${replayed}) > 0, 'replay_failed', 'replayed') AS state
    FROM (
      SELECT Tenant, TraceId, SpanId, ServiceName, RetailSystem, SpanAttributes, BusinessKeys, toUnixTimestamp64Nano(Timestamp) AS AtNs, Name
      FROM ${tableRef(target, 'spans')} ARRAY JOIN ${DEAD_LETTER_NAMES} AS Name
      WHERE DeadLetter = 1 AND ${deadLetters}
    ) AS dead
    GLOBAL LEFT JOIN (${replaysSince(target, since)}) AS replay ON replay.Tenant = dead.Tenant AND replay.Name = dead.Name
    GROUP BY tenant, traceId, spanId`
}

/** The dead letters named (`<trace id>-<span id>`) of one tenant, dead-lettered from `since` on. */
export function namedDeadLetters(tenant: string, ids: readonly string[], since: Date): Sql {
  return sql`Tenant = ${tenant} AND Timestamp >= ${since} AND concat(TraceId, '-', SpanId) IN ${ids}`
}

/** How many of the dead letters the condition picks are in each state, and the oldest of each. */
export function replayStateCountsQuery(target: SchemaTarget, deadLetters: Sql, since: Date): Sql {
  return sql`
    SELECT state, count() AS count, min(deadNs) AS oldestNs
    FROM (${deadLetterOutcomesQuery(target, deadLetters, since)})
    GROUP BY state`
}
