/**
 * Stock readings compared across systems, and the values the filter lists offer. A SKU at a
 * location is a mismatch when the latest `retail.inventory.on_hand` of two systems differs by
 * more than the tolerance both now and `settle` ago, so a sale still on its way to the ERP (the
 * normal propagation lag) is not a mismatch while a booking error that stays is.
 */
import { sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import { RetailAttribute, RetailContext } from '../../sdk/conventions.ts'
import { scopeCondition, type EstateFilter } from './estate-filter.ts'

/** How stock readings are compared. */
export interface StockComparison {
  readonly tolerance: number
  /** Readings must differ as of this moment too (the window's end minus the settle time). */
  readonly settledAt: Date
  readonly limit: number
}

const SKU = 'retail.sku'

/** SKU and location pairs whose systems disagree now and after settling, with each system's latest reading, widest gap first. */
export function stockReadingsQuery(target: SchemaTarget, filter: EstateFilter, comparison: StockComparison): Sql {
  return sql`
    SELECT sku, location, any(readingStore) AS store, any(readingChannel) AS channel,
      max(onHandNow) - min(onHandNow) AS unitsApart, max(onHandThen) - min(onHandThen) AS unitsApartThen,
      count() AS systems, countIf(readThen) AS systemsThen,
      arraySort(r -> r.1, groupArray((system, onHandNow, toString(lastNs), lastTrace))) AS readings
    FROM (
      SELECT SpanAttributes[${SKU}] AS sku,
        if(SpanAttributes[${RetailContext.location}] != '', SpanAttributes[${RetailContext.location}], SpanAttributes[${RetailContext.store}]) AS location,
        RetailSystem AS system,
        anyIf(SpanAttributes[${RetailContext.store}], SpanAttributes[${RetailContext.store}] != '') AS readingStore,
        anyIf(SpanAttributes[${RetailContext.channel}], SpanAttributes[${RetailContext.channel}] != '') AS readingChannel,
        argMax(toFloat64OrZero(SpanAttributes[${RetailAttribute.onHand}]), Timestamp) AS onHandNow,
        argMaxIf(toFloat64OrZero(SpanAttributes[${RetailAttribute.onHand}]), Timestamp, Timestamp <= ${comparison.settledAt}) AS onHandThen,
        countIf(Timestamp <= ${comparison.settledAt}) > 0 AS readThen,
        max(toUnixTimestamp64Nano(Timestamp)) AS lastNs, argMax(TraceId, Timestamp) AS lastTrace
      FROM ${tableRef(target, 'spans')}
      WHERE ${scopeCondition(filter)} AND mapContains(SpanAttributes, ${RetailAttribute.onHand}) AND SpanAttributes[${SKU}] != '' AND RetailSystem != ''
      GROUP BY sku, location, system
    )
    GROUP BY sku, location
    HAVING systems >= 2 AND systemsThen = systems AND unitsApart > ${comparison.tolerance} AND unitsApartThen > ${comparison.tolerance}
    ORDER BY unitsApart DESC, sku, location
    LIMIT ${comparison.limit}`
}

/** How many SKU and location pairs two systems or more reported in the window. */
export function stockPairsQuery(target: SchemaTarget, filter: EstateFilter): Sql {
  return sql`
    SELECT count() AS pairs FROM (
      SELECT SpanAttributes[${SKU}] AS sku,
        if(SpanAttributes[${RetailContext.location}] != '', SpanAttributes[${RetailContext.location}], SpanAttributes[${RetailContext.store}]) AS location
      FROM ${tableRef(target, 'spans')}
      WHERE ${scopeCondition(filter)} AND mapContains(SpanAttributes, ${RetailAttribute.onHand}) AND SpanAttributes[${SKU}] != '' AND RetailSystem != ''
      GROUP BY sku, location
      HAVING uniqExact(RetailSystem) >= 2
    )`
}

/** Stores, channels, regions and services seen in the window, at most `limit` of each, sorted. */
export function filterValuesQuery(target: SchemaTarget, filter: EstateFilter, limit: number): Sql {
  return sql`
    SELECT arraySort(groupUniqArrayIf(${limit})(SpanAttributes[${RetailContext.store}], SpanAttributes[${RetailContext.store}] != '')) AS stores,
      arraySort(groupUniqArrayIf(${limit})(SpanAttributes[${RetailContext.channel}], SpanAttributes[${RetailContext.channel}] != '')) AS channels,
      arraySort(groupUniqArrayIf(${limit})(SpanAttributes[${RetailContext.region}], SpanAttributes[${RetailContext.region}] != '')) AS regions,
      arraySort(groupUniqArray(${limit})(ServiceName)) AS services
    FROM ${tableRef(target, 'spans')}
    WHERE ${scopeCondition(filter)}`
}
