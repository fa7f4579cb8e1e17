/** Statements of the journey summariser: evaluate journeys and store the result, and its marks. */
import { sql, typed, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { journeyStatusQuery, STATUS_SETTINGS } from '../status/status-query.ts'
import { liveVersion, tombstoneVersion } from './summary-version.ts'

/**
 * Evaluates a tenant's journeys of one type (those whose keys `keys` returns, or all) and stores
 * one summary row each. Evaluated without a clock (now = 0): the row keeps when the journey
 * stalls, and readers compare that with their own now.
 */
export function summariseJourneysStatement(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  definition: string,
  passMs: number,
  keys?: Sql,
): Sql {
  return sql`
    INSERT INTO ${tableRef(target, 'journey_summaries')}
      (Tenant, JourneyType, Definition, KeyValue, Version, Deleted, Status, StalledAt, Late, StartedMs, LastActivityMs,
       CurrentStage, CurrentSystem, Store, Stores, Channel, Region, StagesReached, Reached, Amount, Currency)
    SELECT ${tenant}, ${graph.definition.type}, ${typed(definition, 'UInt64')}, key, ${typed(liveVersion(passMs), 'UInt64')}, 0, status, stalled_at, toUInt8(late),
      startedMs, lastMs,
      currentStage, currentSystem, store, stores, channel, region, stagesReached, reached, amount, currency
    FROM (${journeyStatusQuery(target, tenant, graph, 0, [], keys ? { keys } : {})})
    ${STATUS_SETTINGS}`
}

/**
 * Hides the summaries a rewrite moved to another day (its journey's start moved): every older row
 * of the keys on a day their newest row is not on gets a deleted row, of a version between the
 * older rows' and the newest's (./summary-version.ts).
 */
export function hideMovedSummariesStatement(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  definition: string,
  passMs: number,
  keys: Sql,
): Sql {
  const summaries = tableRef(target, 'journey_summaries')
  const ofKeys = sql`Tenant = ${tenant} AND JourneyType = ${graph.definition.type} AND Definition = ${typed(definition, 'UInt64')} AND KeyValue GLOBAL IN (${keys})`
  return sql`
    INSERT INTO ${summaries} (Tenant, JourneyType, Definition, KeyValue, Version, Deleted, StartedMs, LastActivityMs)
    SELECT Tenant, JourneyType, Definition, KeyValue, ${typed(tombstoneVersion(passMs), 'UInt64')}, 1, StartedMs, LastActivityMs
    FROM ${summaries}
    WHERE ${ofKeys} AND Version < ${typed(tombstoneVersion(passMs), 'UInt64')} AND Deleted = 0
      AND (KeyValue, toDate(intDiv(StartedMs, 1000))) GLOBAL NOT IN (
        SELECT KeyValue, toDate(intDiv(StartedMs, 1000)) FROM ${summaries} WHERE ${ofKeys} AND Version = ${typed(liveVersion(passMs), 'UInt64')})`
}

/** Root keys of one tenant's journeys of a type, one share of `shares` by hash, for a backfill in bounded steps. */
export function journeyKeysShare(target: SchemaTarget, tenant: string, graph: StageGraph, share: number, shares: number): Sql {
  return sql`SELECT KeyValue FROM ${tableRef(target, 'journey_stages')}
    WHERE Tenant = ${tenant} AND JourneyType = ${graph.definition.type} AND KeyName = ${graph.definition.rootKey}
      AND cityHash64(KeyValue) % ${typed(shares, 'UInt64')} = ${typed(share, 'UInt64')}`
}

/** Tenants with journeys of a type, and roughly how many each. */
export function journeyTenantsQuery(target: SchemaTarget, graph: StageGraph): Sql {
  return sql`SELECT Tenant AS tenant, uniq(KeyValue) AS journeys FROM ${tableRef(target, 'journey_stages')}
    WHERE JourneyType = ${graph.definition.type} AND KeyName = ${graph.definition.rootKey}
    GROUP BY Tenant`
}

/** Tenants, journey types and key names touched in (afterMs, upToMs], with how many touches each. */
export function touchesQuery(target: SchemaTarget, afterMs: number, upToMs: number): Sql {
  return sql`SELECT Tenant AS tenant, toString(JourneyType) AS type, toString(KeyName) AS keyName, count() AS touches FROM ${tableRef(target, 'journey_touches')}
    WHERE Touched > fromUnixTimestamp64Milli(toInt64(${afterMs})) AND Touched <= fromUnixTimestamp64Milli(toInt64(${upToMs}))
    GROUP BY Tenant, JourneyType, KeyName`
}

/** The summariser's watermark for a definition, 0 when it never finished a backfill under it. */
export function summaryMarkQuery(target: SchemaTarget, type: string, definition: string): Sql {
  return sql`SELECT toUnixTimestamp64Milli(max(Watermark)) AS watermarkMs, count() AS marks FROM ${tableRef(target, 'journey_summary_watermarks')}
    WHERE JourneyType = ${type} AND Definition = ${typed(definition, 'UInt64')}`
}

/** Records that a definition's summaries are complete up to `watermarkMs`. */
export function summaryMarkStatement(target: SchemaTarget, type: string, definition: string, watermarkMs: number): Sql {
  return sql`INSERT INTO ${tableRef(target, 'journey_summary_watermarks')} (JourneyType, Definition, Watermark)
    SELECT ${type}, ${typed(definition, 'UInt64')}, fromUnixTimestamp64Milli(toInt64(${watermarkMs}))`
}

/** The newest touch of a tenant's journeys of a type after `afterMs`, with the server's clock. */
export function newestTouchQuery(target: SchemaTarget, tenant: string, graph: StageGraph, afterMs: number): Sql {
  return sql`SELECT toUnixTimestamp64Milli(max(Touched)) AS newestMs, count() AS touches, toUnixTimestamp64Milli(now64(3)) AS nowMs
    FROM ${tableRef(target, 'journey_touches')}
    WHERE Tenant = ${tenant} AND Touched > fromUnixTimestamp64Milli(toInt64(${afterMs}))
      AND JourneyType IN ${[graph.definition.type, '']} AND KeyName = ${graph.definition.rootKey}`
}

/** The server's clock, which stamps touches, in epoch ms. */
export const SERVER_NOW = sql`SELECT toUnixTimestamp64Milli(now64(3)) AS nowMs`
