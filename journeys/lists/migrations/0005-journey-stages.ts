/**
 * Incremental journey state: one row per tenant, journey type, business key, stage and store,
 * fed from spans as they are inserted, so listing journeys reads these rows and not every span.
 * The journey type is the stage name's prefix (`order.placed` belongs to `order`); a row exists
 * for each business key on the span and the query picks the journey's root key. Spans without a
 * stage are kept as signals under the empty type: messages toward a store (the stores a promotion
 * targets) and dead letters. `max` over context strings prefers a value to the empty string.
 */
import { sql, createTable, createView, storageRef } from '../../../storage/index.ts'
import type { Migration } from '../../../storage/index.ts'

const time = sql`DateTime64(9)`

/** Creates the journey-state table and the view that fills it. */
export const journeyStages: Migration = {
  version: 5,
  name: 'journey-stages',
  statements: (target) => [
    ...createTable(target, {
      name: 'journey_stages',
      columns: sql`
        Tenant LowCardinality(String), JourneyType LowCardinality(String), KeyName LowCardinality(String), KeyValue String CODEC(ZSTD(1)),
        Stage LowCardinality(String), Store String CODEC(ZSTD(1)),
        First SimpleAggregateFunction(min, ${time}), Last SimpleAggregateFunction(max, ${time}),
        FirstOk SimpleAggregateFunction(min, Nullable(${time})), Failed SimpleAggregateFunction(max, UInt8),
        DeadLetterAt SimpleAggregateFunction(max, Nullable(${time})), Retries SimpleAggregateFunction(max, UInt32),
        Channel SimpleAggregateFunction(max, String), Region SimpleAggregateFunction(max, String), System SimpleAggregateFunction(max, String),
        Amount SimpleAggregateFunction(max, Float64), Currency SimpleAggregateFunction(max, String)`,
      engine: 'AggregatingMergeTree',
      // Daily, so a list of the journeys that started in a window reads that window's days first.
      partitionBy: sql`toDate(First)`,
      orderBy: sql`(Tenant, JourneyType, KeyName, KeyValue, Stage, Store)`,
      ttlColumn: sql`toDateTime(Last)`,
      shardKey: sql`cityHash64(Tenant, KeyValue)`,
      settings: sql`ttl_only_drop_parts = 1`,
    }),
    createView(
      target,
      'journey_stages_mv',
      'journey_stages',
      sql`
      SELECT Tenant, JourneyType, KeyName, KeyValue, Stage, Store,
        min(Timestamp) AS First, max(Timestamp) AS Last, min(OkTime) AS FirstOk, max(IsFailed) AS Failed,
        max(DeadLetterTime) AS DeadLetterAt, max(RetryAttempt) AS Retries,
        max(SpanChannel) AS Channel, max(SpanRegion) AS Region, max(RetailSystem) AS System,
        max(SpanAmount) AS Amount, max(SpanCurrency) AS Currency
      FROM (
        SELECT Tenant, Timestamp, Stage, BusinessKeys, RetailSystem,
          splitByChar('.', Stage)[1] AS JourneyType,
          if(SpanAttributes['retail.store.id'] != '', SpanAttributes['retail.store.id'], ResourceAttributes['retail.store.id']) AS Store,
          if(SpanAttributes['retail.channel'] != '', SpanAttributes['retail.channel'], ResourceAttributes['retail.channel']) AS SpanChannel,
          if(SpanAttributes['retail.region'] != '', SpanAttributes['retail.region'], ResourceAttributes['retail.region']) AS SpanRegion,
          SpanAttributes['retail.dead_letter'] = 'true' AS IsDeadLetter,
          toUInt8(StatusCode = 'error' OR IsDeadLetter) AS IsFailed,
          if(IsFailed = 1, NULL, Timestamp) AS OkTime,
          if(IsDeadLetter, Timestamp, NULL) AS DeadLetterTime,
          toUInt32OrZero(SpanAttributes['retail.retry.attempt']) AS RetryAttempt,
          toFloat64OrZero(SpanAttributes['retail.amount']) AS SpanAmount,
          SpanAttributes['retail.currency'] AS SpanCurrency
        FROM ${storageRef(target, 'spans')}
        WHERE Stage != '' OR IsDeadLetter OR (SpanKind = 'producer' AND Store != '')
      )
      ARRAY JOIN mapKeys(BusinessKeys) AS KeyName, mapValues(BusinessKeys) AS KeyValue
      GROUP BY Tenant, JourneyType, KeyName, KeyValue, Stage, Store`,
    ),
  ],
}
