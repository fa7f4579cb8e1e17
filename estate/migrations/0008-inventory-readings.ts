/**
 * The stock-reading index: one narrow row per span that reports `retail.inventory.on_hand` for a
 * SKU, with the context stock comparisons are grouped by, so comparing systems reads these rows
 * and not every span's attribute maps. Ordered by SKU, location and system, the comparison's
 * grouping; daily partitions keep a window's read to its days. ReplacingMergeTree folds a span
 * indexed twice into one reading, and the reads (latest reading per system) are right before
 * merges too. Spans stored before the index existed are indexed for the last day, the default
 * window of an inventory rule, so an upgrade does not blind the stock alerts for a day.
 */
import { sql, type Sql, createTable, createView, storageRef, tableRef } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

/** Creates the stock-reading index, the view that fills it, and indexes the last day's spans. */
export const inventoryReadings: Migration = {
  version: 8,
  name: 'inventory-readings',
  statements: (target) => {
    // Attribute names are literals here: a view's query is stored as text, without parameters.
    const readings = (from: Sql, since: Sql): Sql => sql`
      SELECT Tenant, SpanAttributes['retail.sku'] AS Sku,
        if(SpanAttributes['retail.location.id'] != '', SpanAttributes['retail.location.id'], SpanAttributes['retail.store.id']) AS Location,
        RetailSystem AS System, Timestamp, SpanId, TraceId,
        toFloat64OrZero(SpanAttributes['retail.inventory.on_hand']) AS OnHand,
        SpanAttributes['retail.store.id'] AS Store, SpanAttributes['retail.location.id'] AS LocationId,
        SpanAttributes['retail.channel'] AS Channel, SpanAttributes['retail.region'] AS Region
      FROM ${from}
      WHERE mapContains(SpanAttributes, 'retail.inventory.on_hand') AND SpanAttributes['retail.sku'] != ''${since}`
    return [
      ...createTable(target, {
        name: 'inventory_readings',
        columns: sql`
          Tenant LowCardinality(String), Sku String CODEC(ZSTD(1)), Location String CODEC(ZSTD(1)), System LowCardinality(String),
          Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)), SpanId String CODEC(ZSTD(1)), TraceId String CODEC(ZSTD(1)),
          OnHand Float64 CODEC(ZSTD(1)), Store String CODEC(ZSTD(1)), LocationId String CODEC(ZSTD(1)),
          Channel LowCardinality(String), Region LowCardinality(String)`,
        engine: 'ReplacingMergeTree',
        partitionBy: sql`toDate(Timestamp)`,
        orderBy: sql`(Tenant, Sku, Location, System, Timestamp, SpanId)`,
        ttlColumn: sql`toDateTime(Timestamp)`,
        shardKey: sql`cityHash64(Tenant, Sku)`,
        settings: sql`ttl_only_drop_parts = 1`,
      }),
      createView(target, 'inventory_readings_mv', 'inventory_readings', readings(storageRef(target, 'spans'), sql``)),
      // A span indexed by both the view and this statement is one reading once merged, and the same before.
      sql`INSERT INTO ${tableRef(target, 'inventory_readings')} ${readings(tableRef(target, 'spans'), sql` AND Timestamp >= now() - INTERVAL 1 DAY`)}`,
    ]
  },
}
