/**
 * The journey rules now read the journey-state table and the stock rule the stock-reading index;
 * on the same spans they must say what the spans-table queries they replaced said. The queries of
 * before are kept here as the reference, verbatim but for names and for "reached", which now
 * follows the journeys' rule (journeys/status/STATUS.md): a stage's first span that did not fail,
 * and a branch not taken only when its own branch was not attempted.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { SpanRecord } from '../../core/index.ts'
import { createSpanStore, keyRecogniser } from '../../spans/index.ts'
import { DEFAULT_JOURNEYS, stageRecogniser } from '../../journeys/index.ts'
import { identifier, joinSql, sql, tableRef, type Sql } from '../../storage/index.ts'
import { spanRecord } from '../../test/fixtures/spans.ts'
import { alertsSectionSchema } from '../config-schema.ts'
import { fetchObservations } from '../fetch-observations.ts'
import type { Observation } from '../observation.ts'
import type { AlertRule, GroupKey, InventoryMismatchRule } from '../rules.ts'
import { spanGroupValue } from './group-columns.ts'
import { pendingJourneysOf, type PendingJourneys } from './journey-queries.ts'
import { rowMeaning, toObservation, type ObservationRow } from './observation-rows.ts'
import { embeddedWarehouse } from '../../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../../test/fixtures/topology.ts'

const target = TEST_TARGET
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const warehouse = embeddedWarehouse('alert-same', target)
const now = new Date()

function spansGroups(groupBy: readonly GroupKey[]): Sql {
  const parts = groupBy.map((key) => sql`anyIf(${spanGroupValue(key)}, ${spanGroupValue(key)} != '')`)
  return parts.length === 0 ? sql`CAST([], 'Array(String)')` : sql`[${joinSql(parts, ', ')}]`
}

/** A span that did not fail: neither an error nor a dead letter. */
const ok = sql`StatusCode != 'error' AND SpanAttributes['retail.dead_letter'] != 'true'`

/** The spans-table journey query as it was. */
function spansJourneyQuery(question: PendingJourneys): Sql {
  const since = new Date(now.getTime() - question.lookbackMs)
  const deadline = new Date(now.getTime() - question.olderThanMs)
  const where = Object.entries(question.where)
  const whereCounts = where.map(([key, value], i) => sql`, countIf(SpanAttributes[${key}] = ${value}) AS ${identifier(`where${i}`)}`)
  const whereHaving = where.map((_, i) => sql` AND ${identifier(`where${i}`)} > 0`)
  const stageFilter =
    question.stagesRead.length > 0 ? sql`Stage IN ${question.stagesRead}` : sql`startsWith(Stage, ${`${question.journeyType}.`})`
  return sql`
    SELECT tenant, journeyGroups AS groups, count() AS value, count() AS affected, sum(journeyAmount) AS amount, anyIf(journeyCurrency, journeyCurrency != '') AS currency,
      groupUniqArrayIf(20)(journeyStore, journeyStore != '') AS stores, groupArray(20)(journeyKey) AS keys, groupArray(10)(traceId) AS traces,
      map('oldest', formatDateTime(min(startedAt), '%Y-%m-%dT%H:%i:%SZ', 'UTC')) AS details
    FROM (
      SELECT Tenant AS tenant, BusinessKeys[${question.rootKey}] AS journeyKey,
        minIf(Timestamp, Stage = ${question.after} AND ${ok}) AS startedAt,
        countIf(Stage = ${question.after} AND ${ok}) AS started,
        countIf(Stage = ${question.expect} AND ${ok}) AS done,
        countIf(has(${question.unless}, Stage)) + (countIf(has(${question.branches.others}, Stage)) > 0 AND countIf(has(${question.branches.own}, Stage)) = 0) AS exempt,
        max(toFloat64OrZero(SpanAttributes['retail.amount'])) AS journeyAmount,
        anyIf(SpanAttributes['retail.currency'], SpanAttributes['retail.currency'] != '') AS journeyCurrency,
        anyIf(SpanAttributes['retail.store.id'], SpanAttributes['retail.store.id'] != '') AS journeyStore,
        ${spansGroups(question.groupBy)} AS journeyGroups,
        anyIf(TraceId, Stage = ${question.after}) AS traceId
        ${joinSql(whereCounts, '')}
      FROM ${tableRef(target, 'spans')}
      WHERE Timestamp >= ${since} AND Timestamp <= ${now} AND ${stageFilter} AND BusinessKeys[${question.rootKey}] != ''
      GROUP BY tenant, journeyKey
      HAVING started > 0 AND done = 0 AND exempt = 0 AND startedAt <= ${deadline}${joinSql(whereHaving, '')}
    )
    GROUP BY tenant, journeyGroups`
}

/** The spans-table stock query as it was. */
function spansInventoryQuery(rule: InventoryMismatchRule): Sql {
  const since = new Date(now.getTime() - rule.windowMs)
  const asOf = new Date(now.getTime() - rule.forMs)
  const systems = rule.systems.length > 0 ? sql` AND has(${rule.systems}, RetailSystem)` : sql``
  return sql`
    SELECT tenant, pairGroups AS groups, count() AS value, count() AS affected, 0 AS amount, '' AS currency,
      groupUniqArrayIf(20)(pairStore, pairStore != '') AS stores, CAST([], 'Array(String)') AS keys, arraySlice(arrayFlatten(groupArray(5)(systemTraces)), 1, 10) AS traces,
      map('units_apart', toString(sum(spreadNow)), 'skus', toString(uniqExact(sku)),
        'pairs', arrayStringConcat(groupArray(10)(concat(sku, ' at ', location, ': ', readings)), '; ')) AS details
    FROM (
      SELECT tenant, sku, location, any(readingStore) AS pairStore, any(readingGroups) AS pairGroups,
        max(onHandNow) - min(onHandNow) AS spreadNow, max(onHandThen) - min(onHandThen) AS spreadThen,
        count() AS systemCount, countIf(readThen) AS systemsThen,
        arrayStringConcat(arraySort(groupArray(concat(system, ' ', toString(onHandNow)))), ', ') AS readings,
        groupArray(lastTrace) AS systemTraces
      FROM (
        SELECT Tenant AS tenant, SpanAttributes['retail.sku'] AS sku,
          if(SpanAttributes['retail.location.id'] != '', SpanAttributes['retail.location.id'], SpanAttributes['retail.store.id']) AS location,
          RetailSystem AS system,
          anyIf(SpanAttributes['retail.store.id'], SpanAttributes['retail.store.id'] != '') AS readingStore,
          ${spansGroups(rule.groupBy)} AS readingGroups,
          argMax(toFloat64OrZero(SpanAttributes['retail.inventory.on_hand']), Timestamp) AS onHandNow,
          argMaxIf(toFloat64OrZero(SpanAttributes['retail.inventory.on_hand']), Timestamp, Timestamp <= ${asOf}) AS onHandThen,
          countIf(Timestamp <= ${asOf}) > 0 AS readThen,
          argMax(TraceId, Timestamp) AS lastTrace
        FROM ${tableRef(target, 'spans')}
        WHERE Timestamp >= ${since} AND Timestamp <= ${now} AND mapContains(SpanAttributes, 'retail.inventory.on_hand') AND SpanAttributes['retail.sku'] != ''${systems}
        GROUP BY tenant, sku, location, system
      )
      GROUP BY tenant, sku, location
      HAVING systemCount >= 2 AND systemsThen = systemCount AND spreadNow > ${rule.tolerance} AND spreadThen > ${rule.tolerance}
    )
    GROUP BY tenant, pairGroups`
}

const at = (agoMs: number, name: string, service: string, attributes: Record<string, string>, error = false): SpanRecord =>
  spanRecord({
    name,
    agoMs,
    resource: { 'service.name': service, 'retail.system': service },
    attributes,
    statusCode: error ? 'error' : 'unset',
  })

/** An estate with every branch the rules care about, in two tenants, and stock readings of three systems. */
function estate(tenant: string): SpanRecord[] {
  const spans: SpanRecord[] = []
  const stage = (agoMs: number, name: string, service: string, keys: Record<string, string>, error = false): void => {
    spans.push(at(agoMs, name, service, { 'retail.journey.stage': name, ...keys }, error))
  }
  for (let i = 0; i < 48; i++) {
    const start = 7 * HOUR - i * 7 * MINUTE
    const pickup = i % 3 !== 0
    const order = {
      'retail.order.id': `${tenant}-WEB-${i}`,
      'retail.store.id': `S0${i % 4}`,
      'retail.channel': i % 2 ? 'web' : 'app',
      'retail.region': i % 5 ? 'north' : 'south',
      'retail.fulfilment': pickup ? 'pickup' : 'ship',
    }
    stage(start, 'order.placed', 'storefront', { ...order, 'retail.amount': String(10 + i), 'retail.currency': 'EUR' })
    stage(start - 2 * MINUTE, 'order.inventory_reserved', 'warehouse-management', {
      ...order,
      ...(i % 4 === 1 ? { 'retail.location.id': `DC-${i % 2}` } : {}),
    })
    if (i % 7 !== 0) stage(start - 5 * MINUTE, 'order.erp_created', 'erp-gateway', order, i % 13 === 0)
    if (pickup && i % 5 !== 0) stage(start - 40 * MINUTE, 'order.ready_for_pickup', 'store-pos', order, i % 11 === 0)
    if (!pickup && i % 4 !== 0) stage(start - 60 * MINUTE, 'order.shipped', 'warehouse-management', order)
    const sale = { 'retail.order.id': `${tenant}-POS-${i}`, 'retail.store.id': `S0${i % 3}`, 'retail.channel': 'pos' }
    stage(start, 'sale.completed', 'store-pos', { ...sale, 'retail.amount': String(5 + i), 'retail.currency': 'EUR' })
    stage(start - MINUTE, 'sale.published', 'store-pos', sale)
    if (i % 6 !== 0) stage(start - 3 * MINUTE, 'sale.erp_posted', 'erp-gateway', sale)
    const settlement = { 'retail.settlement.id': `${tenant}-SET-${i}` }
    stage(40 * HOUR - i * 20 * MINUTE, 'settlement.batched', 'payment', {
      ...settlement,
      'retail.amount': String(100 * i),
      'retail.currency': 'EUR',
    })
    if (i % 3 !== 0) stage(39 * HOUR - i * 20 * MINUTE, 'settlement.erp_posted', 'erp-gateway', settlement)
    // Stock: POS and ERP agree on most SKUs, drift on some, and the WMS reports a warehouse node too.
    const sku = {
      'retail.sku': `SKU-${i % 12}`,
      'retail.store.id': `S0${i % 4}`,
      'retail.channel': i % 2 ? 'web' : 'pos',
      'retail.region': i % 5 ? 'north' : 'south',
    }
    const drift = i % 12 < 3 ? 5 + (i % 12) : 0
    spans.push(at(50 * MINUTE - i * MINUTE, 'pos.stock', 'pos', { ...sku, 'retail.inventory.on_hand': String(40 - (i % 7)) }))
    spans.push(at(49 * MINUTE - i * MINUTE, 'erp.stock', 'erp', { ...sku, 'retail.inventory.on_hand': String(40 - (i % 7) + drift) }))
    if (i % 4 === 0)
      spans.push(
        at(48 * MINUTE - i * MINUTE, 'wms.stock', 'wms', {
          ...sku,
          'retail.location.id': `DC-${i % 2}`,
          'retail.inventory.on_hand': String(i),
        }),
      )
  }
  return spans
}

beforeAll(async () => {
  const store = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
  // Several inserts, so the index tables hold unmerged rows of one key: reads must not depend on merges.
  for (const tenant of ['acme', 'globex']) {
    const spans = estate(tenant)
    for (let i = 0; i < spans.length; i += 97) await store.insert(tenant, spans.slice(i, i + 97), `same-${tenant}-${i}`)
  }
})

/** An observation with its samples sorted; traces are compared where a sample holds every journey. */
function comparable(observation: Observation): object {
  const { impact } = observation
  const complete = impact.count <= 10
  return {
    tenant: observation.tenant,
    group: observation.group,
    value: observation.value,
    impact: {
      ...impact,
      journeys: [...impact.journeys].sort((a, b) => a.key.localeCompare(b.key)),
      traces: complete ? [...impact.traces].sort() : impact.traces.length,
    },
  }
}

const sorted = (observations: readonly Observation[]): object[] =>
  observations.map(comparable).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))

describe('rules read from the journey state and the stock index', () => {
  const journeyRules = [
    {
      name: 'pickup-by-store',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: 'order.ready_for_pickup',
      within: '30m',
      group_by: ['store'],
    },
    {
      name: 'pickup-where-fulfilment',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: 'order.ready_for_pickup',
      within: '30m',
      where: { 'retail.fulfilment': 'pickup' },
      group_by: ['store'],
    },
    {
      name: 'pickup-where-store',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: 'order.ready_for_pickup',
      within: '30m',
      where: { 'retail.store.id': 'S01' },
    },
    {
      name: 'erp-by-region-channel',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: 'order.erp_created',
      within: '1m',
      group_by: ['region', 'channel'],
    },
    {
      name: 'erp-by-location',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: 'order.erp_created',
      within: '1m',
      group_by: ['location'],
    },
    {
      name: 'erp-by-system',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.placed',
      expect: 'order.erp_created',
      within: '10m',
      group_by: ['system'],
    },
    {
      name: 'shipping',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.erp_created',
      expect: 'order.shipped',
      within: '20m',
      unless: [],
      group_by: ['store'],
    },
    {
      name: 'short-lookback',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.placed',
      expect: 'order.ready_for_pickup',
      within: '1h',
      lookback: '3h',
    },
    {
      name: 'sales-backlog',
      type: 'backlog',
      from_stage: 'sale.published',
      to_stage: 'sale.erp_posted',
      max_pending: 0,
      group_by: ['store'],
    },
    { name: 'unposted', type: 'settlement_unposted', older_than: '1h' },
  ]

  it('find the same pending journeys, amounts, stores, keys and traces as the spans queries did', async () => {
    const rules = alertsSectionSchema.parse({ rules: journeyRules }).rules
    const fetched = await fetchObservations(warehouse, target, rules, DEFAULT_JOURNEYS, now)
    expect(fetched.failures).toEqual([])
    for (const rule of rules as Extract<AlertRule, { type: 'stage_sla' | 'backlog' | 'settlement_unposted' }>[]) {
      const question = pendingJourneysOf(rule, DEFAULT_JOURNEYS)
      const before = (await warehouse.rows<ObservationRow>(spansJourneyQuery(question))).map((row) =>
        toObservation(rule, rowMeaning(rule, question.journeyType), row),
      )
      const after = fetched.observations.get(rule.name)!
      expect(after.length, rule.name).toBeGreaterThan(0)
      expect(sorted(after), rule.name).toEqual(sorted(before))
    }
  })

  it('find the same stock disagreements, per group, as the spans query did', async () => {
    const rules = alertsSectionSchema.parse({
      rules: [
        // One statement for these three: the same window and `for`, their own tolerances and groups.
        { name: 'drift-by-store', type: 'inventory_mismatch', tolerance: 2, for: '10m', group_by: ['store'] },
        { name: 'drift-by-location', type: 'inventory_mismatch', tolerance: 0, for: '10m', group_by: ['location', 'system'] },
        { name: 'drift-by-store-again', type: 'inventory_mismatch', tolerance: 2, for: '10m', group_by: ['store'] },
        { name: 'drift-by-location-later', type: 'inventory_mismatch', tolerance: 0, for: '5m', group_by: ['location'] },
        {
          name: 'drift-pos-erp',
          type: 'inventory_mismatch',
          tolerance: 4,
          for: '20m',
          systems: ['pos', 'erp'],
          group_by: ['channel', 'region'],
        },
        { name: 'drift-short-window', type: 'inventory_mismatch', tolerance: 1, for: '1m', window: '30m' },
      ],
    }).rules as InventoryMismatchRule[]
    const fetched = await fetchObservations(warehouse, target, rules, DEFAULT_JOURNEYS, now)
    expect(fetched.failures).toEqual([])
    for (const rule of rules) {
      const before = (await warehouse.rows<ObservationRow>(spansInventoryQuery(rule))).map((row) =>
        toObservation(rule, rowMeaning(rule, undefined), row),
      )
      const after = fetched.observations.get(rule.name)!
      expect(after.length, rule.name).toBeGreaterThan(0)
      // The pairs listed and their traces are samples in no set order; the figures must agree.
      const figures = (observations: readonly Observation[]): object[] =>
        sorted(
          observations.map((o) => ({
            ...o,
            impact: {
              ...o.impact,
              traces: [],
              details: { ...o.impact.details, pairs: String(o.impact.details.pairs).split('; ').sort().join('; ') },
            },
          })),
        )
      expect(figures(after), rule.name).toEqual(figures(before))
    }
  })
})
