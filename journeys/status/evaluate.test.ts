import { describe, expect, it } from 'vitest'
import { journeySpan } from '../../test/fixtures/journey-spans.ts'
import { ORDER_JOURNEY, PROMOTION_JOURNEY, RETURN_JOURNEY } from '../model/defaults.ts'
import { evaluateJourney } from './evaluate.ts'
import { journeyEvidence, type JourneySpan } from '../lookup/evidence.ts'
import type { JourneyDefinition } from '../model/model.ts'
import { stageGraph } from '../model/stage-graph.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const T0 = Date.parse('2025-03-01T09:00:00Z')

function evaluate(definition: JourneyDefinition, key: string, spans: JourneySpan[], nowMs: number) {
  const rooted = spans.map((span) =>
    span.businessKeys[definition.rootKey] !== undefined || Object.keys(span.businessKeys).length > 0
      ? span
      : { ...span, businessKeys: { [definition.rootKey]: key } },
  )
  return evaluateJourney(stageGraph(definition), journeyEvidence(definition, key, rooted), nowMs)
}

const stateOf = (result: ReturnType<typeof evaluate>, name: string) => result.stages.find((stage) => stage.name === name)!

/** A buy-online-pick-up-in-store order, stage by stage, `gapMs` apart. */
function pickupOrder(gapMs = MIN): JourneySpan[] {
  return [
    'order.placed',
    'order.payment_authorized',
    'order.inventory_reserved',
    'order.erp_created',
    'order.ready_for_pickup',
    'order.picked_up',
    'order.invoiced',
  ].map((stage, i) => journeySpan(stage, T0 + i * gapMs, { system: stage === 'order.invoiced' ? 'erp' : 'oms' }))
}

describe('journey evaluation', () => {
  it('completes a pick-up order on the pickup branch, with each stage timed from the one before', () => {
    const result = evaluate(ORDER_JOURNEY, 'WEB-1', pickupOrder(), T0 + 10 * MIN)
    expect(result).toMatchObject({
      status: 'complete',
      late: false,
      branch: 'pickup',
      currentStage: 'order.invoiced',
      currentSystem: 'erp',
      stagesReached: 7,
    })
    expect(stateOf(result, 'order.shipped')).toMatchObject({ state: 'not_taken', reached: false, missing: false })
    expect(stateOf(result, 'order.picked_up')).toMatchObject({
      state: 'reached',
      previous: 'order.ready_for_pickup',
      afterPreviousMs: MIN,
      at: new Date(T0 + 5 * MIN).toISOString(),
    })
    expect(stateOf(result, 'order.invoiced')).toMatchObject({
      previous: 'order.picked_up',
      afterPreviousMs: MIN,
      ref: { system: 'erp', span: 'order.invoiced span' },
    })
    expect(result.startedMs).toBe(T0)
  })

  it('keeps an order in progress while the next stage is not yet due, and says when it is due', () => {
    const result = evaluate(ORDER_JOURNEY, 'WEB-2', pickupOrder().slice(0, 2), T0 + 3 * MIN)
    expect(result.status).toBe('in_progress')
    expect(stateOf(result, 'order.inventory_reserved')).toMatchObject({
      state: 'pending',
      missing: false,
      dueAt: new Date(T0 + MIN + 15 * MIN).toISOString(),
    })
    expect(stateOf(result, 'order.invoiced').dueAt).toBeDefined()
  })

  it('calls an order stalled once the next stage is past its SLA', () => {
    const result = evaluate(ORDER_JOURNEY, 'WEB-3', pickupOrder().slice(0, 2), T0 + HOUR)
    expect(result.status).toBe('stalled')
    expect(stateOf(result, 'order.inventory_reserved')).toMatchObject({ state: 'overdue', missing: true, reached: false })
  })

  it('marks a stage late when it came after its SLA, and the journey late while it goes on', () => {
    const spans = pickupOrder().slice(0, 3)
    spans[2] = { ...spans[2]!, timeMs: T0 + MIN + 20 * MIN }
    const result = evaluate(ORDER_JOURNEY, 'WEB-4', spans, T0 + 25 * MIN)
    expect(stateOf(result, 'order.inventory_reserved')).toMatchObject({
      state: 'late',
      late: true,
      reached: true,
      afterPreviousMs: 20 * MIN,
    })
    expect(result).toMatchObject({ status: 'late', late: true })
  })

  it('reports a finished order as complete even when a stage was late, with the late flag set', () => {
    const result = evaluate(ORDER_JOURNEY, 'WEB-5', pickupOrder(20 * MIN), T0 + 5 * HOUR)
    expect(result).toMatchObject({ status: 'complete', late: true })
  })

  it('waits for the slower branch before calling a journey whose branch is not chosen stalled', () => {
    const spans = pickupOrder().slice(0, 4)
    const threeHours = evaluate(ORDER_JOURNEY, 'WEB-6', spans, T0 + 3 * MIN + 3 * HOUR)
    expect(stateOf(threeHours, 'order.ready_for_pickup').state).toBe('overdue')
    expect(stateOf(threeHours, 'order.shipped').state).toBe('pending')
    expect(threeHours.status).toBe('in_progress')
    expect(evaluate(ORDER_JOURNEY, 'WEB-6', spans, T0 + 3 * 24 * HOUR).status).toBe('stalled')
  })

  it('follows the ship branch and times the invoice from the shipment', () => {
    const spans = [...pickupOrder().slice(0, 4), journeySpan('order.shipped', T0 + 10 * MIN), journeySpan('order.invoiced', T0 + 12 * MIN)]
    const result = evaluate(ORDER_JOURNEY, 'WEB-7', spans, T0 + HOUR)
    expect(result).toMatchObject({ status: 'complete', branch: 'ship' })
    expect(stateOf(result, 'order.ready_for_pickup').state).toBe('not_taken')
    expect(stateOf(result, 'order.picked_up').state).toBe('not_taken')
    expect(stateOf(result, 'order.invoiced')).toMatchObject({ previous: 'order.shipped', afterPreviousMs: 2 * MIN })
  })

  it('flags a stage skipped on the way as missing without holding back completion', () => {
    const spans = pickupOrder().filter((span) => span.stage !== 'order.erp_created')
    const result = evaluate(ORDER_JOURNEY, 'WEB-8', spans, T0 + HOUR)
    expect(stateOf(result, 'order.erp_created')).toMatchObject({ state: 'missing', missing: true })
    expect(stateOf(result, 'order.ready_for_pickup')).toMatchObject({ previous: 'order.inventory_reserved', afterPreviousMs: 2 * MIN })
    expect(result.status).toBe('complete')
  })

  it('fails a journey whose stage only failed, and not once a retry reached it', () => {
    const failed = [
      ...pickupOrder().slice(0, 3),
      journeySpan('order.erp_created', T0 + 3 * MIN, { statusCode: 'error', statusMessage: 'ERP timeout', retries: 1 }),
    ]
    const result = evaluate(ORDER_JOURNEY, 'WEB-9', failed, T0 + 4 * MIN)
    expect(result.status).toBe('failed')
    expect(stateOf(result, 'order.erp_created')).toMatchObject({ state: 'failed', reached: false, attempts: 1, failures: 1, retries: 1 })
    const retried = evaluate(
      ORDER_JOURNEY,
      'WEB-9',
      [...failed, journeySpan('order.erp_created', T0 + 5 * MIN, { retries: 2 })],
      T0 + 6 * MIN,
    )
    expect(retried.status).toBe('in_progress')
    expect(stateOf(retried, 'order.erp_created')).toMatchObject({
      state: 'reached',
      attempts: 2,
      failures: 1,
      retries: 2,
      at: new Date(T0 + 5 * MIN).toISOString(),
    })
  })

  it('fails a journey on a dead letter that no later progress made good', () => {
    const deadLetter = journeySpan('', T0 + 3 * MIN, {
      deadLetter: true,
      statusCode: 'error',
      kind: 'consumer',
      name: 'erp.sales-orders process',
    })
    const parked = evaluate(ORDER_JOURNEY, 'WEB-10', [...pickupOrder().slice(0, 3), deadLetter], T0 + 4 * MIN)
    expect(parked.status).toBe('failed')
    const replayed = evaluate(
      ORDER_JOURNEY,
      'WEB-10',
      [...pickupOrder().slice(0, 4), { ...deadLetter, timeMs: T0 + 2 * MIN + 30_000 }],
      T0 + 4 * MIN,
    )
    expect(replayed.status).toBe('in_progress')
  })

  it('tracks a promotion store by store: live in 9 of 10 stores is not live, and stalls past the SLA', () => {
    const stores = Array.from({ length: 10 }, (_, i) => `store-${String(i + 1).padStart(3, '0')}`)
    const spans = [
      journeySpan('promotion.published', T0, { system: 'merchandising' }),
      journeySpan('promotion.ecommerce_live', T0 + MIN, { system: 'ecommerce' }),
      ...stores.map((store) => journeySpan('', T0 + 1000, { kind: 'producer', store, name: 'price-updates publish' })),
      ...stores.slice(0, 9).map((store, i) => journeySpan('promotion.store_live', T0 + (i + 2) * MIN, { store, system: 'pos' })),
    ]
    const soon = evaluate(PROMOTION_JOURNEY, 'PROMO-1', spans, T0 + 30 * MIN)
    const live = stateOf(soon, 'promotion.store_live')
    expect(live).toMatchObject({ state: 'pending', reached: false, stores: { expected: 10, missing: ['store-010'] } })
    expect(live.stores!.reached).toHaveLength(9)
    expect(live.stores!.reached[0]).toMatchObject({ store: 'store-001', late: false, ref: { system: 'pos' } })
    expect(soon.status).toBe('in_progress')
    const later = evaluate(PROMOTION_JOURNEY, 'PROMO-1', spans, T0 + 3 * HOUR)
    expect(later.status).toBe('stalled')
    expect(stateOf(later, 'promotion.store_live')).toMatchObject({ state: 'overdue', missing: true })
    expect(stateOf(later, 'promotion.erp_synced').state).toBe('pending')
  })

  it('reaches a once-per-store stage with its last store, and times the next stage from there', () => {
    const spans = [
      journeySpan('promotion.published', T0),
      journeySpan('promotion.ecommerce_live', T0 + MIN),
      journeySpan('promotion.store_live', T0 + 2 * MIN, { store: 'store-001' }),
      journeySpan('promotion.store_live', T0 + 5 * MIN, { store: 'store-002' }),
      journeySpan('promotion.erp_synced', T0 + 6 * MIN),
    ]
    const result = evaluate(PROMOTION_JOURNEY, 'PROMO-2', spans, T0 + HOUR)
    expect(result.status).toBe('complete')
    expect(stateOf(result, 'promotion.store_live')).toMatchObject({
      state: 'reached',
      at: new Date(T0 + 5 * MIN).toISOString(),
      stores: { expected: 2, missing: [] },
    })
    expect(stateOf(result, 'promotion.erp_synced')).toMatchObject({ previous: 'promotion.store_live', afterPreviousMs: MIN })
  })

  it('counts a refund made by the payment system, which knows only the return and payment ids', () => {
    const spans = [
      journeySpan('return.initiated', T0, { businessKeys: { 'retail.return.id': 'RET-1', 'retail.order.id': 'WEB-1' } }),
      journeySpan('return.received', T0 + HOUR, { businessKeys: { 'retail.return.id': 'RET-1' } }),
      journeySpan('return.refunded', T0 + 2 * HOUR, {
        system: 'payment',
        businessKeys: { 'retail.return.id': 'RET-1', 'retail.payment.id': 'PAY-1' },
      }),
    ]
    const result = evaluate(RETURN_JOURNEY, 'RET-1', spans, T0 + 3 * HOUR)
    expect(stateOf(result, 'return.refunded')).toMatchObject({ state: 'reached', ref: { system: 'payment' }, afterPreviousMs: HOUR })
    expect(result).toMatchObject({ status: 'in_progress', currentStage: 'return.refunded', currentSystem: 'payment' })
  })

  it('finds nothing for a journey without a stage', () => {
    const result = evaluate(ORDER_JOURNEY, 'NONE', [], T0)
    expect(result).toMatchObject({ startedMs: 0, stagesReached: 0 })
    expect(result.stages.every((stage) => stage.state === 'pending')).toBe(true)
  })
})

describe('journey evidence', () => {
  it('leaves out spans of another journey with the same key name, and keeps keyless spans behind a queue hop', () => {
    const mine = journeySpan('order.placed', T0, { businessKeys: { 'retail.order.id': 'A' } })
    const theirs = journeySpan('order.placed', T0, { businessKeys: { 'retail.order.id': 'B' } })
    const keylessHop = journeySpan('', T0 + 1, { viaLink: true, deadLetter: true })
    const keylessElsewhere = journeySpan('', T0 + 2, { deadLetter: true })
    const otherStage = journeySpan('return.initiated', T0 + 3, {
      businessKeys: { 'retail.order.id': 'A', 'retail.return.id': 'R' },
      statusCode: 'error',
    })
    const evidence = journeyEvidence(ORDER_JOURNEY, 'A', [theirs, keylessElsewhere, otherStage, keylessHop, mine])
    expect(evidence.hits.map((hit) => hit.span.spanId)).toEqual([mine.spanId])
    expect(evidence.problems.map((problem) => [problem.kind, problem.span.spanId])).toEqual([['dead_letter', keylessHop.spanId]])
  })

  it('takes the stores a journey targeted from its messages toward stores', () => {
    const evidence = journeyEvidence(PROMOTION_JOURNEY, 'P', [
      journeySpan('', T0, { kind: 'producer', store: 'store-002', businessKeys: { 'retail.promotion.id': 'P' } }),
      journeySpan('', T0, { kind: 'producer', store: 'store-001', businessKeys: { 'retail.promotion.id': 'P' } }),
      journeySpan('', T0, { kind: 'internal', store: 'store-003', businessKeys: { 'retail.promotion.id': 'P' } }),
    ])
    expect(evidence.targetStores).toEqual(['store-001', 'store-002'])
  })
})
