/**
 * Tax postings on the real engine: the side stage with the `tax_posted` role is due its SLA (an
 * hour by default) after the stage it follows, and each journey's posting is posted in time or
 * late, pending, overdue or failed, with the journey's amount; a missing posting never holds up
 * the journey's own status.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { TaxPostingResponse } from '../core/index.ts'
import { stageSpan as stage, BASE } from '../test/fixtures/stage-spans.ts'
import { keyRecogniser, createSpanStore } from '../spans/index.ts'
import { createJourneyStore, type JourneyStore } from './journey-store.ts'
import { DEFAULT_JOURNEYS } from './model/defaults.ts'
import { stageRecogniser } from './model/stage-recogniser.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const warehouse = embeddedWarehouse('taxes', TEST_TARGET)
const now = new Date(BASE)
const window = { fromMs: BASE - 6 * HOUR, toMs: BASE }
let journeys: JourneyStore
let taxes: TaxPostingResponse

const sale = (id: string, store = 'S01') => ({ 'retail.order.id': id, 'retail.store.id': store, 'retail.channel': 'pos' })
const money = (amount: string) => ({ 'retail.amount': amount, 'retail.currency': 'EUR' })
/** A sale rung up with its amount, published a minute later and posted to the ERP. */
const rungUp = (id: string, agoMs: number, amount: string, store = 'S01') => [
  stage('sale.completed', agoMs, { ...sale(id, store), ...money(amount) }, { system: 'pos' }),
  stage('sale.published', agoMs - MIN, sale(id, store), { system: 'pos' }),
  stage('sale.erp_posted', agoMs - 10 * MIN, sale(id, store), { system: 'erp' }),
]
const taxPosted = (id: string, agoMs: number, extra = {}) =>
  stage('sale.tax_posted', agoMs, { ...sale(id), ...money('3.19') }, { system: 'tax', ...extra })

beforeAll(async () => {
  const spans = createSpanStore(warehouse, TEST_TARGET, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
  await spans.insert(
    'acme',
    [
      ...rungUp('POS-POSTED', 3 * HOUR, '100.00'),
      taxPosted('POS-POSTED', 3 * HOUR - 20 * MIN),
      ...rungUp('POS-NEVER', 3 * HOUR, '50.00'),
      ...rungUp('POS-DUE', 30 * MIN, '20.00', 'S02'),
      ...rungUp('POS-LATE', 3 * HOUR, '10.00'),
      taxPosted('POS-LATE', HOUR),
      ...rungUp('POS-REFUSED', 2 * HOUR, '5.00'),
      taxPosted('POS-REFUSED', 2 * HOUR - 5 * MIN, { statusCode: 'error' }),
      stage('order.invoiced', 2 * HOUR, { 'retail.order.id': 'WEB-1', 'retail.channel': 'web', ...money('80.00') }, { system: 'erp' }),
    ],
    'taxes-acme',
  )
  // Another tenant posted the tax acme never did.
  await spans.insert('globex', [taxPosted('POS-NEVER', 2 * HOUR)], 'taxes-globex')
  journeys = createJourneyStore(warehouse, TEST_TARGET, DEFAULT_JOURNEYS)
  taxes = await journeys.taxes('acme', window, now)
})

describe('tax postings', () => {
  it('find the tax posting stages by their role, with what they follow and their SLA', () => {
    expect(taxes.stages).toEqual([
      { type: 'order', stage: 'order.tax_posted', after: ['order.invoiced'], slaMs: HOUR },
      { type: 'sale', stage: 'sale.tax_posted', after: ['sale.published'], slaMs: HOUR },
    ])
  })

  it("count postings by state with the journeys' amounts", () => {
    expect(taxes.states).toEqual([
      { type: 'order', state: 'overdue', currency: 'EUR', count: 1, amount: 80 },
      { type: 'sale', state: 'failed', currency: 'EUR', count: 1, amount: 5 },
      { type: 'sale', state: 'overdue', currency: 'EUR', count: 1, amount: 50 },
      { type: 'sale', state: 'pending', currency: 'EUR', count: 1, amount: 20 },
      { type: 'sale', state: 'posted', currency: 'EUR', count: 1, amount: 100 },
      { type: 'sale', state: 'posted_late', currency: 'EUR', count: 1, amount: 10 },
    ])
  })

  it('name the postings overdue or failed the longest', () => {
    expect(taxes.overdue.map(({ type, key, amount, overdueMs, failed }) => ({ type, key, amount, overdueMs, failed }))).toEqual([
      { type: 'sale', key: 'POS-NEVER', amount: 50, overdueMs: 2 * HOUR - MIN, failed: false },
      { type: 'order', key: 'WEB-1', amount: 80, overdueMs: HOUR, failed: false },
      { type: 'sale', key: 'POS-REFUSED', amount: 5, overdueMs: HOUR - MIN, failed: true },
    ])
  })

  it("narrow to a store's journeys", async () => {
    const store = await journeys.taxes('acme', { ...window, store: 'S02' }, now)
    expect(store.states).toEqual([{ type: 'sale', state: 'pending', currency: 'EUR', count: 1, amount: 20 }])
  })

  it("never hold up the journey's status: a sale posted to the ERP without its tax is complete", async () => {
    const listed = await journeys.list('acme', 'sale', { limit: 50, offset: 0, sort: 'newest' }, now)
    expect(Object.fromEntries(listed.journeys.map((j) => [j.key, [j.status, j.stagesReached, j.stageCount]]))).toMatchObject({
      'POS-NEVER': ['complete', 3, 3],
      'POS-POSTED': ['complete', 3, 3],
    })
    // The list shows each sale's amount.
    expect(listed.journeys.find((j) => j.key === 'POS-NEVER')).toMatchObject({ amount: 50, currency: 'EUR' })
    const lookup = await journeys.lookup('acme', 'sale', 'POS-NEVER', now)
    expect(lookup?.status).toBe('complete')
    expect(lookup?.stages.map((s) => s.name)).toEqual(['sale.completed', 'sale.published', 'sale.erp_posted'])
  })
})
