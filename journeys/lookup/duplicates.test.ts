import { describe, expect, it } from 'vitest'
import type { JourneyDefinition } from '../model/model.ts'
import { duplicatePostings, postingOf } from './duplicates.ts'
import type { JourneySpan, StageHit } from './evidence.ts'

const ORDER: JourneyDefinition = {
  type: 'order',
  rootKey: 'retail.order.id',
  linkedKeys: [],
  stages: [
    { name: 'order.placed', after: [], slaMs: 0, match: [] },
    { name: 'order.erp_created', after: ['order.placed'], slaMs: 60_000, match: [], once: true },
    { name: 'order.store_notified', after: ['order.erp_created'], slaMs: 60_000, match: [], once: true, perStore: true },
  ],
}

let spanIds = 0
function hit(stage: string, timeMs: number, keys: Record<string, string>, extra: Partial<JourneySpan> = {}, failed = false): StageHit {
  const span: JourneySpan = {
    traceId: `trace-${timeMs}`,
    spanId: `span-${++spanIds}`,
    service: 'erp-gateway',
    system: 'erp',
    name: stage,
    kind: 'internal',
    timeMs,
    statusCode: failed ? 'error' : 'unset',
    statusMessage: '',
    stage,
    store: '',
    businessKeys: { 'retail.order.id': 'WEB-1', ...keys },
    deadLetter: false,
    retries: 0,
    viaLink: false,
    ...extra,
  }
  return { stage, timeMs, span, failed }
}

describe('duplicatePostings', () => {
  it('finds an order created twice in the ERP under two document ids', () => {
    const first = hit('order.erp_created', 1, { 'retail.erp.document.id': '4711' })
    const again = hit('order.erp_created', 2, { 'retail.erp.document.id': '4712' })
    expect(duplicatePostings(ORDER, [hit('order.placed', 0, {}), first, again])).toEqual([
      { stage: 'order.erp_created', store: '', first, again },
    ])
    expect([postingOf(first.span), postingOf(again.span)]).toEqual(['ERP document 4711', 'ERP document 4712'])
  })

  it('does not count a retry the ERP deduplicated (the same document), a failed attempt, or a stage that may repeat', () => {
    const hits = [
      hit('order.placed', 0, {}),
      hit('order.placed', 1, {}),
      hit('order.erp_created', 2, { 'retail.erp.document.id': '4711' }, {}, true),
      hit('order.erp_created', 3, { 'retail.erp.document.id': '4711' }),
      hit('order.erp_created', 4, { 'retail.erp.document.id': '4711' }),
      hit('order.erp_created', 5, { 'retail.erp.document.id': '4713' }, {}, true),
    ]
    expect(duplicatePostings(ORDER, hits)).toEqual([])
  })

  it('tells postings without a document apart by their trace, and a per-store stage by its store', () => {
    const inOneTrace = [hit('order.erp_created', 1, {}), hit('order.erp_created', 1, {})]
    expect(duplicatePostings(ORDER, inOneTrace)).toEqual([])
    const twoTraces = [hit('order.erp_created', 1, {}), hit('order.erp_created', 2, {})]
    expect(duplicatePostings(ORDER, twoTraces).map((d) => postingOf(d.again.span))).toEqual(['trace trace-2'])
    const stores = [
      hit('order.store_notified', 1, {}, { store: 'store-1' }),
      hit('order.store_notified', 2, {}, { store: 'store-2' }),
      hit('order.store_notified', 3, {}, { store: 'store-2' }),
    ]
    expect(duplicatePostings(ORDER, stores).map((d) => [d.store, d.first.timeMs, d.again.timeMs])).toEqual([['store-2', 2, 3]])
  })
})
