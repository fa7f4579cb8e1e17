/**
 * Journeys end to end: the estate of ./fixtures/journey-estate.ts, sent by OpenTelemetry's own
 * OTLP exporter into the platform started as `npm start` starts it, then each answer of the
 * journey API checked stage by stage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  JourneyListResponse,
  JourneyResponse,
  JourneyStageView,
  PromotionPropagationResponse,
  SettlementPostingResponse,
  StoreSalesBacklogResponse,
} from '../core/index.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { HOUR, MIN, NOW, STORES, at, sendJourneyEstate, trail } from './fixtures/journey-estate.ts'

let platform: PlatformProcess

async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${platform.apiToken}` } })
  return { status: response.status, body: (await response.json()) as T }
}

async function journey(type: string, key: string): Promise<JourneyResponse> {
  const answer = await api<JourneyResponse>(`/api/journeys/${type}/${encodeURIComponent(key)}`)
  expect(answer.status).toBe(200)
  return answer.body
}

function stages(answer: JourneyResponse): Record<string, JourneyStageView> {
  return Object.fromEntries(answer.stages.map((stage) => [stage.name, stage]))
}

beforeAll(async () => {
  platform = await startPlatformProcess(['--no-demo'])
  await sendJourneyEstate(platform)
})

afterAll(async () => {
  expect(await platform.stop()).toBe(0)
})

describe('journeys end to end', () => {
  it('follows a pick-up-in-store order across two queue hops, stage by stage', async () => {
    const order = await journey('order', 'E2E-ORD-1')
    expect(order).toMatchObject({
      status: 'complete',
      late: false,
      branch: 'pickup',
      currentStage: 'order.invoiced',
      currentSystem: 'erp',
      startedAt: at(3 * HOUR),
    })
    const s = stages(order)
    expect(s['order.placed']).toMatchObject({
      state: 'reached',
      at: at(3 * HOUR),
      ref: { system: 'ecommerce', service: 'storefront', span: 'checkout.place_order' },
    })
    expect(s['order.payment_authorized']).toMatchObject({
      state: 'reached',
      previous: 'order.placed',
      afterPreviousMs: 2 * MIN,
      ref: { system: 'payment' },
    })
    expect(s['order.inventory_reserved']).toMatchObject({
      state: 'reached',
      afterPreviousMs: 6 * MIN,
      ref: { system: 'wms', traceId: trail.reserved!.spanContext().traceId },
    })
    expect(s['order.erp_created']).toMatchObject({
      state: 'reached',
      afterPreviousMs: 12 * MIN,
      ref: { system: 'erp', spanId: trail.erpCreated!.spanContext().spanId },
    })
    expect(s['order.shipped']).toMatchObject({ state: 'not_taken', reached: false, missing: false })
    expect(s['order.ready_for_pickup']).toMatchObject({
      state: 'reached',
      previous: 'order.erp_created',
      afterPreviousMs: 40 * MIN,
      ref: { system: 'pos' },
    })
    expect(s['order.picked_up']).toMatchObject({ state: 'reached', afterPreviousMs: 30 * MIN })
    expect(s['order.invoiced']).toMatchObject({
      state: 'reached',
      previous: 'order.picked_up',
      afterPreviousMs: 5 * MIN,
      ref: { system: 'erp', span: 'erp.post_invoice' },
    })
    const viaLink = order.traces.filter((t) => t.via === 'link').map((t) => t.traceId)
    expect(viaLink).toContain(trail.reserved!.spanContext().traceId)
  })

  it("stitches the order's payment, return, settlement and ERP documents, with the linked journeys' status", async () => {
    const order = await journey('order', 'E2E-ORD-1')
    const linked = Object.fromEntries(order.linkedKeys.map((k) => [k.value, k]))
    expect(Object.keys(linked).sort()).toEqual(['INV-E2E-1', 'JE-E2E-1', 'PAY-E2E-1', 'RET-E2E-1', 'SET-E2E-1', 'SO-E2E-1'])
    expect(linked['SET-E2E-1']).toMatchObject({
      key: 'retail.settlement.id',
      depth: 2,
      via: { key: 'retail.payment.id', value: 'PAY-E2E-1' },
    })
    expect(order.linkedJourneys).toEqual(
      expect.arrayContaining([
        { type: 'return', key: 'RET-E2E-1', status: 'in_progress', currentStage: 'return.refunded', stagesReached: 3, stageCount: 5 },
        {
          type: 'settlement',
          key: 'SET-E2E-1',
          status: 'in_progress',
          currentStage: 'settlement.erp_posted',
          stagesReached: 3,
          stageCount: 4,
        },
      ]),
    )
    expect(order.skippedKeys).toEqual([])
    expect(JSON.stringify(order)).not.toContain('PAY-E2E-OTHER')
    const timeline = order.timeline.map((entry) => `${entry.journey.type}:${entry.stage ?? entry.kind}`)
    expect(timeline.indexOf('order:order.invoiced')).toBeLessThan(timeline.indexOf('return:return.initiated'))
    expect(timeline).toContain('settlement:settlement.erp_posted')
  })

  it('finds the partial return refunded by the payment system, which knew only the return and payment ids', async () => {
    const answer = await journey('return', 'RET-E2E-1')
    expect(answer).toMatchObject({ status: 'in_progress', currentStage: 'return.refunded', currentSystem: 'payment' })
    const s = stages(answer)
    expect(s['return.initiated']).toMatchObject({ state: 'reached', ref: { system: 'ecommerce' } })
    expect(s['return.received']).toMatchObject({ state: 'reached', afterPreviousMs: 10 * MIN, ref: { system: 'wms' } })
    expect(s['return.refunded']).toMatchObject({
      state: 'reached',
      afterPreviousMs: 5 * MIN + 1000,
      ref: { system: 'payment', spanId: trail.refunded!.spanContext().spanId },
    })
    expect(s['return.inspected']).toMatchObject({
      state: 'pending',
      reached: false,
      missing: false,
      dueAt: new Date(NOW - 45 * MIN + 1000 + 2 * 24 * HOUR).toISOString(),
    })
    expect(answer.linkedJourneys).toEqual([expect.objectContaining({ type: 'order', key: 'E2E-ORD-1', status: 'complete' })])
  })

  it('shows the settlement posted to the ERP and waiting to be reconciled', async () => {
    const answer = await journey('settlement', 'SET-E2E-1')
    expect(answer).toMatchObject({ status: 'in_progress', currentStage: 'settlement.erp_posted', currentSystem: 'erp' })
    const s = stages(answer)
    expect(s['settlement.captured']).toMatchObject({ state: 'reached', attempts: 2 })
    expect(s['settlement.batched']).toMatchObject({ state: 'reached', ref: { system: 'payment' } })
    expect(s['settlement.erp_posted']).toMatchObject({
      state: 'reached',
      afterPreviousMs: 10 * MIN - 300,
      ref: { spanId: trail.posted!.spanContext().spanId },
    })
    expect(s['settlement.reconciled']).toMatchObject({ state: 'pending' })
    const posting = await api<SettlementPostingResponse>('/api/journeys/stats/settlements')
    expect(posting.body.statuses).toEqual([expect.objectContaining({ status: 'posted', currency: 'EUR', count: 1, amount: 100 })])
  })

  it('shows a promotion live in 9 of its 10 stores as stalled, naming the store it never reached', async () => {
    const answer = await journey('promotion', 'PROMO-E2E-1')
    expect(answer.status).toBe('stalled')
    const s = stages(answer)
    expect(s['promotion.published']).toMatchObject({ state: 'reached', ref: { system: 'merchandising' } })
    expect(s['promotion.ecommerce_live']).toMatchObject({ state: 'reached', afterPreviousMs: MIN })
    expect(s['promotion.store_live']).toMatchObject({
      state: 'overdue',
      reached: false,
      missing: true,
      stores: { expected: 10, missing: ['store-010'] },
    })
    expect(s['promotion.store_live']!.stores!.reached.map((hit) => hit.store)).toEqual(STORES.slice(0, 9))
    // Due an hour after the stores were: their SLAs add up, so it is overdue too.
    expect(s['promotion.erp_synced']).toMatchObject({ state: 'overdue', reached: false, dueAt: at(4 * HOUR - 3 * HOUR) })
    const propagation = await api<PromotionPropagationResponse>('/api/journeys/stats/promotions')
    expect(propagation.body.promotions).toEqual([
      expect.objectContaining({
        promotionId: 'PROMO-E2E-1',
        storesTargeted: 10,
        storesLive: 9,
        missingStores: ['store-010'],
        publishedAt: at(4 * HOUR),
      }),
    ])
    expect(propagation.body.stores.find((row) => row.store === 'store-010')).toMatchObject({ promotionsLive: 0, promotionsMissing: 1 })
  })

  it('shows the store whose sales stopped posting: its backlog, and each unposted sale stalled', async () => {
    const backlog = await api<StoreSalesBacklogResponse>('/api/journeys/stats/store-sales')
    expect(backlog.body.stores).toEqual([
      expect.objectContaining({ store: 'store-A', published: 6, posted: 3, backlog: 3, oldestUnpostedAt: at(3 * HOUR - 4 * MIN - 1000) }),
      expect.objectContaining({ store: 'store-B', published: 1, posted: 1, backlog: 0 }),
    ])
    const stalled = await api<JourneyListResponse>('/api/journeys?type=sale&status=stalled&store=store-A&sort=oldest')
    expect(stalled.body).toMatchObject({ type: 'sale', total: 3 })
    expect(stalled.body.journeys.map((j) => [j.key, j.currentStage, j.currentSystem, j.channel])).toEqual([
      ['POS-A-4', 'sale.published', 'pos', 'pos'],
      ['POS-A-5', 'sale.published', 'pos', 'pos'],
      ['POS-A-6', 'sale.published', 'pos', 'pos'],
    ])
    const unposted = stages(await journey('sale', 'POS-A-4'))
    expect(unposted['sale.erp_posted']).toMatchObject({ state: 'overdue', missing: true })
    expect(stages(await journey('sale', 'POS-A-1'))['sale.erp_posted']).toMatchObject({ state: 'reached', ref: { system: 'erp' } })
  })

  it('lists journeys by type and status, and counts them', async () => {
    const orders = await api<JourneyListResponse>('/api/journeys?type=order&channel=web')
    // The list reads stages whose spans carry the order id; the keyless warehouse hop is found by a lookup only.
    expect(orders.body.journeys).toEqual([
      expect.objectContaining({
        key: 'E2E-ORD-1',
        status: 'complete',
        store: 'store-042',
        region: 'west',
        stagesReached: 6,
        stageCount: 8,
      }),
    ])
    const all = await api<JourneyListResponse>('/api/journeys?limit=3&sort=newest')
    expect(all.body).toMatchObject({ type: '', total: 11, limit: 3 })
    expect(all.body.journeys.map((j) => [j.type, j.key])).toEqual([
      ['settlement', 'SET-E2E-1'],
      ['return', 'RET-E2E-1'],
      ['sale', 'POS-A-6'],
    ])
    const counts = await api<{ types: { type: string; counts: Record<string, number> }[] }>('/api/journeys/stats/status')
    expect(Object.fromEntries(counts.body.types.map((t) => [t.type, t.counts]))).toMatchObject({
      sale: { stalled: 3, complete: 4 },
      promotion: { stalled: 1 },
      order: { complete: 1 },
      return: { in_progress: 1 },
      settlement: { in_progress: 1 },
    })
  })

  it('answers 400 for an unknown type or filter and 404 for an unknown journey', async () => {
    expect(await api('/api/journeys/parcel/X-1')).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request', message: expect.stringContaining("unknown journey type 'parcel'") } },
    })
    expect(await api('/api/journeys/order/NO-SUCH-ORDER')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'no order journey NO-SUCH-ORDER' } },
    })
    expect((await api('/api/journeys?type=order&status=lost')).status).toBe(400)
    expect((await api('/api/journeys?type=order&from=yesterday')).status).toBe(400)
  })

  it('describes the journey routes with the journey types in force', async () => {
    type Parameter = { name: string; in: string; schema: { enum?: string[] } }
    const openapi = (await (await fetch(`${platform.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { get: { parameters: Parameter[] } }>
    }
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/journeys', '/api/journeys/types', '/api/journeys/{type}/{key}', '/api/journeys/stats/store-sales']),
    )
    const inForce = (await api<{ types: { type: string }[] }>('/api/journeys/types')).body.types.map((t) => t.type)
    const typeParameter = (path: string, where: string) =>
      openapi.paths[path]!.get.parameters.find((p) => p.name === 'type' && p.in === where)?.schema.enum
    expect(typeParameter('/api/journeys/{type}/{key}', 'path')).toEqual(inForce)
    expect(typeParameter('/api/journeys', 'query')).toEqual(inForce)
  })
})
