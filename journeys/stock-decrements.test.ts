/**
 * Missed stock decrements on the real engine: a store sale of a SKU whose decrement the ERP's
 * stock readings never show within the sale's SLA to its ERP posting (1h 15m by default) is
 * missed; one still within it is awaited; a reading after the deadline is too late; the till's
 * own reading and another tenant's ERP do not count.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { StockDecrementsResponse } from '../core/index.ts'
import { stageSpan as stage, BASE } from '../test/fixtures/stage-spans.ts'
import { keyRecogniser, createSpanStore } from '../spans/index.ts'
import { createJourneyStore } from './journey-store.ts'
import { DEFAULT_JOURNEYS } from './model/defaults.ts'
import { stageRecogniser } from './model/stage-recogniser.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const MIN = 60_000
const warehouse = embeddedWarehouse('stock-decrements', TEST_TARGET)
let answer: StockDecrementsResponse

const at = (store: string, sku: string, onHand: number) => ({
  'retail.store.id': store,
  'retail.location.id': store,
  'retail.sku': sku,
  'retail.inventory.on_hand': String(onHand),
})

/** The till rings a sale up, with its own stock reading and the units it took. */
const sold = (sale: string, agoMs: number, store: string, sku: string, units: number) =>
  stage(
    'sale.completed',
    agoMs,
    { 'retail.order.id': sale, 'retail.channel': 'pos', ...at(store, sku, 10), 'retail.inventory.delta': String(-units) },
    { system: 'pos' },
  )

/** The ERP posts a sale and reads its stock of the SKU at the store. */
const erpReading = (sale: string, agoMs: number, store: string, sku: string) =>
  stage('sale.erp_posted', agoMs, { 'retail.order.id': sale, ...at(store, sku, 9) }, { system: 'erp' })

beforeAll(async () => {
  const spans = createSpanStore(warehouse, TEST_TARGET, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
  await spans.insert(
    'acme',
    [
      sold('POS-OK', 120 * MIN, 'S01', 'SKU-X', 1),
      erpReading('POS-OK', 110 * MIN, 'S01', 'SKU-X'),
      sold('POS-MISSED', 120 * MIN, 'S01', 'SKU-Y', 2),
      sold('POS-LATE', 180 * MIN, 'S02', 'SKU-Y', 1),
      erpReading('POS-LATE', 60 * MIN, 'S02', 'SKU-Y'),
      sold('POS-TILL-ONLY', 100 * MIN, 'S01', 'SKU-W', 3),
      sold('POS-RECENT', 10 * MIN, 'S02', 'SKU-Z', 1),
    ],
    'decrements-acme',
  )
  // Another tenant's ERP reads the SKU acme's sale missed: that says nothing about acme's ERP.
  await spans.insert('globex', [erpReading('POS-MISSED', 110 * MIN, 'S01', 'SKU-Y')], 'decrements-globex')
  const journeys = createJourneyStore(warehouse, TEST_TARGET, DEFAULT_JOURNEYS)
  answer = await journeys.stockDecrements('acme', { fromMs: BASE - 6 * 60 * MIN, toMs: BASE }, new Date(BASE))
})

describe('missed stock decrements', () => {
  it("count sales whose decrement the ERP's readings never showed within the sale's SLA, per store and SKU", () => {
    expect(answer).toMatchObject({ stage: 'sale.completed', withinMs: 75 * MIN, system: 'erp', missed: 3, awaited: 1, truncated: false })
    expect(answer.skus.map(({ oldestMissedAt: _o, traces, ...row }) => ({ ...row, traces: traces.length }))).toEqual([
      { store: 'S01', sku: 'SKU-W', missed: 1, awaited: 0, missedUnits: 3, sales: ['POS-TILL-ONLY'], traces: 1 },
      { store: 'S01', sku: 'SKU-Y', missed: 1, awaited: 0, missedUnits: 2, sales: ['POS-MISSED'], traces: 1 },
      { store: 'S02', sku: 'SKU-Y', missed: 1, awaited: 0, missedUnits: 1, sales: ['POS-LATE'], traces: 1 },
      { store: 'S02', sku: 'SKU-Z', missed: 0, awaited: 1, missedUnits: 0, sales: [], traces: 0 },
    ])
    expect(answer.skus[0]!.oldestMissedAt).toBe(new Date(BASE - 100 * MIN).toISOString())
  })

  it('sum them per store, the store with the most missed first', () => {
    expect(answer.byStore).toEqual([
      { store: 'S01', missed: 2, awaited: 0, skus: 2 },
      { store: 'S02', missed: 1, awaited: 1, skus: 1 },
    ])
  })
})
