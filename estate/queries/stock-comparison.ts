/**
 * Stock that systems disagree on, defined once for the operations page and the stock alerts:
 * over the stock-reading index, each system's latest `retail.inventory.on_hand` for one SKU at
 * one location, now and as of a settled moment. A pair is in disagreement when two systems or
 * more reported it, every one of them had reported it by the settled moment, and their readings
 * differ by more than the tolerance both now and then: a sale still on its way to the ERP (the
 * normal propagation lag) is not a mismatch, a booking error that stays is.
 */
import { joinSql, sql, tableRef, typed, type SchemaTarget, type Sql } from '../../storage/index.ts'

/** Which readings a comparison reads. */
export interface StockScope {
  /** Every tenant's when left out (alerts answer all tenants in one statement). */
  readonly tenant?: string
  readonly from: Date
  readonly to: Date
  readonly store?: string
  readonly channel?: string
  readonly region?: string
  /** Only these systems' readings; all when empty. */
  readonly systems?: readonly string[]
}

/** Columns a caller adds: per system (over one system's readings of a pair) and per pair (over its systems' rows). */
export interface StockExtras {
  readonly perSystem?: readonly Sql[]
  readonly perPair?: readonly Sql[]
}

function readingsIn(scope: StockScope): Sql {
  const parts: Sql[] = [sql`Timestamp >= ${scope.from}`, sql`Timestamp <= ${scope.to}`, sql`System != ''`]
  if (scope.tenant !== undefined) parts.push(sql`Tenant = ${scope.tenant}`)
  if (scope.store !== undefined) parts.push(sql`Store = ${scope.store}`)
  if (scope.channel !== undefined) parts.push(sql`Channel = ${scope.channel}`)
  if (scope.region !== undefined) parts.push(sql`Region = ${scope.region}`)
  if (scope.systems && scope.systems.length > 0) parts.push(sql`System IN ${scope.systems}`)
  return joinSql(parts, ' AND ')
}

/**
 * The pairs in disagreement beyond `tolerance`, one row each: tenant, sku, location, store,
 * channel, `spreadNow` and `spreadThen` (units apart), and `readings`, each system's latest
 * (system, on hand, nanoseconds as text, trace id) by system.
 */
export function stockMismatchesQuery(
  target: SchemaTarget,
  scope: StockScope,
  settledAt: Date,
  tolerance: number,
  extras: StockExtras = {},
): Sql {
  const perSystem = extras.perSystem && extras.perSystem.length > 0 ? sql`, ${joinSql(extras.perSystem, ', ')}` : sql``
  const perPair = extras.perPair && extras.perPair.length > 0 ? sql`, ${joinSql(extras.perPair, ', ')}` : sql``
  return sql`
    SELECT tenant, sku, location, any(readingStore) AS store, any(readingChannel) AS channel,
      max(onHandNow) - min(onHandNow) AS spreadNow, max(onHandThen) - min(onHandThen) AS spreadThen,
      count() AS systems, countIf(readThen) AS systemsThen,
      arraySort(r -> r.1, groupArray((system, onHandNow, toString(lastNs), lastTrace))) AS readings${perPair}
    FROM (
      SELECT Tenant AS tenant, Sku AS sku, Location AS location, System AS system,
        anyIf(Store, Store != '') AS readingStore, anyIf(Channel, Channel != '') AS readingChannel,
        argMax(OnHand, Timestamp) AS onHandNow,
        argMaxIf(OnHand, Timestamp, Timestamp <= ${settledAt}) AS onHandThen,
        countIf(Timestamp <= ${settledAt}) > 0 AS readThen,
        max(toUnixTimestamp64Nano(Timestamp)) AS lastNs, argMax(TraceId, Timestamp) AS lastTrace${perSystem}
      FROM ${tableRef(target, 'inventory_readings')}
      WHERE ${readingsIn(scope)}
      GROUP BY tenant, sku, location, system
    )
    GROUP BY tenant, sku, location
    HAVING systems >= 2 AND systemsThen = systems AND spreadNow > ${tolerance} AND spreadThen > ${tolerance}`
}

/** How many SKU and location pairs two systems or more reported in scope. */
export function comparedPairsQuery(target: SchemaTarget, scope: StockScope): Sql {
  return sql`
    SELECT count() AS pairs FROM (
      SELECT Sku, Location FROM ${tableRef(target, 'inventory_readings')}
      WHERE ${readingsIn(scope)}
      GROUP BY Tenant, Sku, Location
      HAVING uniqExact(System) >= 2
    )`
}

/**
 * The same comparison at each of `endsMs` (epoch milliseconds, ascending): how many pairs were in
 * disagreement over the readings of the scope up to that moment, settled `settleMs` before it. At
 * the scope's end this counts exactly the pairs `stockMismatchesQuery` returns.
 */
export function stockMismatchTrendQuery(
  target: SchemaTarget,
  scope: StockScope,
  endsMs: readonly number[],
  settleMs: number,
  tolerance: number,
): Sql {
  return sql`
    SELECT at, countIf(systems >= 2 AND systemsThen = systems AND spreadNow > ${tolerance} AND spreadThen > ${tolerance}) AS mismatches
    FROM (
      SELECT tenant, sku, location, at, count() AS systems, countIf(readThen) AS systemsThen,
        max(onHandNow) - min(onHandNow) AS spreadNow, max(onHandThen) - min(onHandThen) AS spreadThen
      FROM (
        SELECT tenant, sku, location, at, arrayLast(r -> r.1 <= at, readings).2 AS onHandNow,
          arrayExists(r -> r.1 <= at - ${settleMs}, readings) AS readThen, arrayLast(r -> r.1 <= at - ${settleMs}, readings).2 AS onHandThen
        FROM (
          SELECT Tenant AS tenant, Sku AS sku, Location AS location, System AS system,
            arraySort(r -> r.1, groupArray((toUnixTimestamp64Milli(Timestamp), OnHand))) AS readings
          FROM ${tableRef(target, 'inventory_readings')}
          WHERE ${readingsIn(scope)}
          GROUP BY tenant, sku, location, system
        )
        ARRAY JOIN ${typed(endsMs, 'Array(Int64)')} AS at
        WHERE readings[1].1 <= at
      )
      GROUP BY tenant, sku, location, at
    )
    GROUP BY at
    ORDER BY at`
}
