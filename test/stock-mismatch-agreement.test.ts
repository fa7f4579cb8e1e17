/**
 * Stock mismatch is defined once (estate/queries/stock-comparison.ts): the operations page and the
 * stock alert must name the same pairs. Seeded random readings from three systems, some drifting
 * and settling, some drifting for good, are stored in the real engine and both are asked.
 */
import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SpanRecord } from '../core/index.ts'
import { createEstateStore } from '../estate/index.ts'
import { createSpanStore, keyRecogniser } from '../spans/index.ts'
import { alertsSectionSchema, fetchObservations } from '../alerts/index.ts'
import { spanRecord } from './fixtures/spans.ts'
import { embeddedWarehouse } from './fixtures/warehouse.ts'
import { TEST_TARGET } from './fixtures/topology.ts'

const target = TEST_TARGET
const warehouse = embeddedWarehouse('stock-agreement', target)
const MIN = 60_000
const now = Date.now()

function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

beforeAll(async () => {
  const random = prng(4242)
  const spans: SpanRecord[] = []
  for (let sku = 0; sku < 40; sku++) {
    for (const store of ['S01', 'S02', 'S03']) {
      const truth = 20 + Math.floor(random() * 50)
      for (const system of ['pos', 'erp', 'wms']) {
        if (random() < 0.2) continue
        // Each system reads the truth, off by a little or a lot, now or only until a while ago.
        const drift = random() < 0.25 ? Math.floor(random() * 8) : 0
        const settled = random() < 0.5
        for (const agoMin of [50, 30, 10, 2]) {
          const off = settled && agoMin <= 10 ? 0 : drift
          const start = BigInt(now - agoMin * MIN - Math.floor(random() * MIN)) * 1_000_000n
          spans.push(
            spanRecord({
              traceId: randomBytes(16).toString('hex'),
              name: 'inventory.read',
              startTimeUnixNano: start,
              endTimeUnixNano: start + 1_000_000n,
              resource: { 'service.name': `${system}-stock`, 'retail.system': system },
              attributes: {
                'retail.sku': `SKU-${sku}`,
                'retail.store.id': store,
                'retail.channel': 'pos',
                'retail.inventory.on_hand': String(truth + off),
              },
            }),
          )
        }
      }
    }
  }
  await createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] })).insert('acme', spans, 'stock-agreement')
})

describe('stock mismatches', () => {
  it('are the same pairs on the operations page and in the stock alert, at every tolerance', async () => {
    const estate = createEstateStore(warehouse, target)
    for (const tolerance of [0, 2, 5]) {
      const page = await estate.stock(
        { tenant: 'acme', from: new Date(now - 60 * MIN), to: new Date(now) },
        { tolerance, settleSeconds: 15 * 60 },
      )
      const [rule] = alertsSectionSchema.parse({
        rules: [{ name: 'drift', type: 'inventory_mismatch', tolerance, for: '15m', window: '1h', group_by: ['store'] }],
      }).rules
      const { observations, failures } = await fetchObservations(warehouse, target, [rule!], [], new Date(now))
      expect(failures).toEqual([])
      const alerted = (observations.get('drift') ?? []).map((o) => [o.group['retail.store.id'], o.value] as const).sort()
      const shown = page.byStore.map((group) => [group.name, group.skus] as const).sort()
      expect(alerted, `tolerance ${tolerance}`).toEqual(shown)
      expect(page.mismatches.length, `tolerance ${tolerance}`).toBeGreaterThan(0)
    }
  })
})
