/**
 * Once-only stages on the real engine: an order created twice in the ERP under two document ids
 * is a duplicate naming both postings with their amounts; a retry the ERP deduplicated (the same
 * document id) and a failed first attempt are not; a refund paid twice is one too.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { stageSpan as stage } from '../test/fixtures/stage-spans.ts'
import { keyRecogniser, createSpanStore } from '../spans/index.ts'
import { createJourneyStore, type JourneyStore } from './journey-store.ts'
import { DEFAULT_JOURNEYS } from './model/defaults.ts'
import { stageRecogniser } from './model/stage-recogniser.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const MIN = 60_000
const warehouse = embeddedWarehouse('duplicate-postings', TEST_TARGET)
let journeys: JourneyStore

const order = (id: string) => ({ 'retail.order.id': id, 'retail.channel': 'web' })
const path = (id: string, erpAgo: number) => [
  stage('order.placed', erpAgo + 30 * MIN, order(id), { system: 'ecommerce' }),
  stage('order.payment_authorized', erpAgo + 29 * MIN, order(id), { system: 'payment' }),
  stage('order.inventory_reserved', erpAgo + 28 * MIN, order(id), { system: 'wms' }),
]

beforeAll(async () => {
  const spans = createSpanStore(warehouse, TEST_TARGET, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
  journeys = createJourneyStore(warehouse, TEST_TARGET, DEFAULT_JOURNEYS)
  const posted = (id: string, ago: number, document: string, extra: Record<string, string> = {}) =>
    stage(
      'order.erp_created',
      ago,
      { ...order(id), 'retail.erp.document.id': document, 'retail.amount': '129.90', 'retail.currency': 'EUR', ...extra },
      { system: 'erp' },
    )
  await spans.insert(
    'acme',
    [
      ...path('WEB-DUP', 20 * MIN),
      posted('WEB-DUP', 20 * MIN, 'SO-4711'),
      posted('WEB-DUP', 12 * MIN, 'SO-4712'),
      ...path('WEB-RETRY', 20 * MIN),
      { ...posted('WEB-RETRY', 20 * MIN, 'SO-5001'), statusCode: 'error' as const, statusMessage: 'ERP timeout' },
      posted('WEB-RETRY', 19 * MIN, 'SO-5001'),
      posted('WEB-RETRY', 18 * MIN, 'SO-5001'),
      stage('return.initiated', 40 * MIN, { 'retail.return.id': 'RET-DUP' }, { system: 'ecommerce' }),
      stage('return.received', 30 * MIN, { 'retail.return.id': 'RET-DUP' }, { system: 'wms' }),
      stage(
        'return.refunded',
        20 * MIN,
        { 'retail.return.id': 'RET-DUP', 'retail.payment.id': 'RF-1', 'retail.amount': '59' },
        { system: 'payment' },
      ),
      stage(
        'return.refunded',
        10 * MIN,
        { 'retail.return.id': 'RET-DUP', 'retail.payment.id': 'RF-2', 'retail.amount': '59' },
        { system: 'payment' },
      ),
    ],
    'duplicates-1',
  )
})

describe('once-only stages', () => {
  it('show an order created twice in the ERP as a duplicate naming both documents, their system and amounts', async () => {
    const journey = await journeys.lookup('acme', 'order', 'WEB-DUP', new Date())
    const duplicates = journey!.problems.filter((problem) => problem.kind === 'duplicate')
    expect(duplicates).toHaveLength(1)
    expect(duplicates[0]!.message).toBe(
      'order.erp_created reached again: ERP document SO-4712 (erp, 129.90 EUR) after ERP document SO-4711 (erp, 129.90 EUR)',
    )
    expect(duplicates[0]!.duplicate).toMatchObject({
      stage: 'order.erp_created',
      first: { document: 'ERP document SO-4711', amount: 129.9, currency: 'EUR', ref: { system: 'erp', service: 'erp-service' } },
      again: { document: 'ERP document SO-4712', amount: 129.9, currency: 'EUR' },
    })
    expect(journey!.timeline.filter((entry) => entry.kind === 'duplicate').map((entry) => entry.stage)).toEqual(['order.erp_created'])
    // Still where it is: a duplicate is a problem to fix, not a stage missed.
    expect(journey!.currentStage).toBe('order.erp_created')
  })

  it('do not count a retry the ERP deduplicated under the same document, nor the failed attempt before it', async () => {
    const journey = await journeys.lookup('acme', 'order', 'WEB-RETRY', new Date())
    expect(journey!.problems.map((problem) => problem.kind)).toEqual(['error'])
  })

  it('show a refund paid twice under two payment ids', async () => {
    const journey = await journeys.lookup('acme', 'return', 'RET-DUP', new Date())
    expect(journey!.problems.filter((problem) => problem.kind === 'duplicate').map((problem) => problem.message)).toEqual([
      'return.refunded reached again: payment RF-2 (payment, 59.00) after payment RF-1 (payment, 59.00)',
    ])
  })
})

describe('the duplicate postings list', () => {
  it('names the same duplicates the lookups name, newest first, with the amount each repeat puts at risk', async () => {
    const { duplicates, truncated } = await journeys.duplicates('acme', {})
    expect(truncated).toBe(false)
    expect(duplicates.map(({ firstAt: _f, lastAt: _l, traces, ...rest }) => ({ ...rest, traces: traces.length }))).toEqual([
      {
        type: 'return',
        key: 'RET-DUP',
        stage: 'return.refunded',
        postings: 2,
        documents: ['payment RF-1', 'payment RF-2'],
        amount: 59,
        amountAtRisk: 59,
        traces: 2,
      },
      {
        type: 'order',
        key: 'WEB-DUP',
        stage: 'order.erp_created',
        channel: 'web',
        postings: 2,
        documents: ['ERP document SO-4711', 'ERP document SO-4712'],
        amount: 129.9,
        amountAtRisk: 129.9,
        currency: 'EUR',
        traces: 2,
      },
    ])
  })
})
