/**
 * The queue-delay rule over message hops: each consumer span paired with the producer span of
 * its message (as the estate pairs them, linked or child), the wait from the send to the start of
 * processing, and its percentile per tenant and group. Messages processed in the window count;
 * their sends are looked for up to an hour further back, so a message that waited longer than
 * that is not seen.
 */
import { MESSAGE_DESTINATION, PRODUCED_BY } from '../../estate/index.ts'
import { joinSql, sql, tableRef, type SchemaTarget, type Sql } from '../../storage/index.ts'
import type { QueueDelayRule } from '../rules.ts'
import { spanGroups } from './group-columns.ts'
import { impactOf } from './span-queries.ts'

/** How much further back than the window a message's send is looked for. */
const SEND_LOOKBACK_MS = 3_600_000

/** The percentile of queue delay in milliseconds; affected are the orders of messages that waited over the threshold. */
export function queueDelayQuery(target: SchemaTarget, rule: QueueDelayRule, now: Date): Sql {
  const spans = tableRef(target, 'spans')
  const since = new Date(now.getTime() - rule.windowMs)
  const sentSince = new Date(since.getTime() - SEND_LOOKBACK_MS)
  const consumers = [
    sql`SpanKind = 'consumer' AND Timestamp >= ${since} AND Timestamp <= ${now}`,
    ...(rule.to !== undefined ? [sql`ServiceName = ${rule.to}`] : []),
    ...(rule.destination !== undefined ? [sql`${MESSAGE_DESTINATION} = ${rule.destination}`] : []),
  ]
  const from = rule.from !== undefined ? sql` AND ServiceName = ${rule.from}` : sql``
  const late = sql`(Delay > ${BigInt(Math.round(rule.thresholdMs * 1e6))})`
  return sql`
    SELECT Tenant AS tenant, ${spanGroups(rule.groupBy)} AS groups,
      quantile(${rule.percentile / 100})(Delay) / 1e6 AS value,
      ${impactOf(late)},
      map('messages', toString(count()), 'late_messages', toString(countIf(${late})), 'max_ms', toString(round(max(Delay) / 1e6))) AS details
    FROM (
      SELECT consumer.Tenant AS Tenant, consumer.TraceId AS TraceId, consumer.SpanAttributes AS SpanAttributes, consumer.BusinessKeys AS BusinessKeys,
        consumer.RetailSystem AS RetailSystem, greatest(consumer.StartNs - producer.SentNs, 0) AS Delay
      FROM (
        SELECT Tenant, TraceId, SpanAttributes, BusinessKeys, RetailSystem, toUnixTimestamp64Nano(Timestamp) AS StartNs,
          Produced.1 AS ProducerTraceId, Produced.2 AS ProducerSpanId
        FROM ${spans} ARRAY JOIN ${PRODUCED_BY} AS Produced
        WHERE ${joinSql(consumers, ' AND ')}
      ) AS consumer
      GLOBAL INNER JOIN (
        SELECT Tenant AS SentTenant, TraceId AS SentTraceId, SpanId AS SentSpanId, toUnixTimestamp64Nano(Timestamp) AS SentNs
        FROM ${spans}
        WHERE SpanKind = 'producer' AND Timestamp >= ${sentSince} AND Timestamp <= ${now}${from}
      ) AS producer ON consumer.ProducerTraceId = producer.SentTraceId AND consumer.ProducerSpanId = producer.SentSpanId AND consumer.Tenant = producer.SentTenant
    )
    GROUP BY tenant, groups
    HAVING count() >= ${rule.minMessages}`
}
