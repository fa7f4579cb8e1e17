import { describe, expect, it } from 'vitest'
import { ORDER_JOURNEY, SETTLEMENT_JOURNEY } from '../model/defaults.ts'
import { expandClosure, neighbourRequests, startClosure, type ClosureBounds, type ClosureState, type KeyLinkRow } from './closure.ts'
import type { JourneyDefinition } from '../model/model.ts'

const bounds: ClosureBounds = { maxDepth: 3, maxKeys: 50, maxFanOut: 5 }

/** A key-link index in memory: both directions of each pair, as the materialized view writes them. */
function index(pairs: [string, string, string, string][]): (key: string, value: string, allowed: readonly string[]) => KeyLinkRow[] {
  const rows: KeyLinkRow[] = []
  for (const [k1, v1, k2, v2] of pairs) {
    rows.push({ key: k1, value: v1, linkedKey: k2, linkedValue: v2, firstMs: 1, lastMs: 2, neighbours: 0 })
    rows.push({ key: k2, value: v2, linkedKey: k1, linkedValue: v1, firstMs: 1, lastMs: 2, neighbours: 0 })
  }
  return (key, value, allowed) => {
    const own = rows.filter((row) => row.key === key && row.value === value && allowed.includes(row.linkedKey))
    return own.slice(0, bounds.maxFanOut + 1).map((row) => ({ ...row, neighbours: own.length }))
  }
}

function close(definition: JourneyDefinition, root: string, lookup: ReturnType<typeof index>, limits = bounds): ClosureState {
  let state = startClosure(definition, root)
  for (;;) {
    const requests = neighbourRequests(definition, state, limits)
    if (requests.length === 0) return state
    const rows = requests.flatMap((request) => request.values.flatMap((value) => lookup(request.key, value, request.allowed)))
    state = expandClosure(state, rows, limits)
  }
}

const keysOf = (state: ClosureState): string[] => [...state.nodes.values()].map((node) => `${node.key}=${node.value}@${node.depth}`).sort()

describe('journey closure', () => {
  const estate = index([
    ['retail.order.id', 'O1', 'retail.payment.id', 'P1'],
    ['retail.return.id', 'R1', 'retail.order.id', 'O1'],
    ['retail.return.id', 'R1', 'retail.payment.id', 'P1'],
    ['retail.settlement.id', 'S1', 'retail.payment.id', 'P1'],
    ['retail.settlement.id', 'S1', 'retail.payment.id', 'P2'],
    ['retail.order.id', 'O2', 'retail.payment.id', 'P2'],
    ['retail.settlement.id', 'S1', 'retail.erp.document.id', 'JE-1'],
    ['retail.order.id', 'O1', 'retail.sku', 'SKU-1'],
    ['retail.order.id', 'O2', 'retail.sku', 'SKU-1'],
  ])

  it("stitches an order to its payment, return and settlement, but not to the settlement's other orders", () => {
    const state = close(ORDER_JOURNEY, 'O1', estate)
    expect(keysOf(state)).toEqual([
      'retail.erp.document.id=JE-1@3',
      'retail.order.id=O1@0',
      'retail.payment.id=P1@1',
      'retail.return.id=R1@1',
      'retail.settlement.id=S1@2',
    ])
    expect(state.nodes.get('retail.settlement.id\u0000S1')).toMatchObject({ via: { key: 'retail.payment.id', value: 'P1' } })
    expect(state).toMatchObject({ truncated: false, skipped: [] })
  })

  it('never stitches through a key the journey does not link, such as a SKU', () => {
    expect(keysOf(close(ORDER_JOURNEY, 'O2', estate))).not.toContain('retail.sku=SKU-1@1')
  })

  it('reports and skips a key reused by accident instead of gluing journeys together', () => {
    const reused = index([
      ['retail.order.id', 'O1', 'retail.erp.document.id', 'DOC-REUSED'],
      ...Array.from({ length: 40 }, (_, i): [string, string, string, string] => [
        'retail.erp.document.id',
        'DOC-REUSED',
        'retail.payment.id',
        `P${i}`,
      ]),
    ])
    const state = close(ORDER_JOURNEY, 'O1', reused)
    expect(keysOf(state)).toEqual(['retail.erp.document.id=DOC-REUSED@1', 'retail.order.id=O1@0'])
    expect(state.skipped).toEqual([expect.objectContaining({ key: 'retail.erp.document.id', value: 'DOC-REUSED', neighbours: 40 })])
    expect(state.skipped[0]!.reason).toContain('reused by accident')
  })

  it('follows a busy root key only as far as the bound and says so', () => {
    const busy = index(
      Array.from({ length: 12 }, (_, i): [string, string, string, string] => ['retail.settlement.id', 'S9', 'retail.payment.id', `P${i}`]),
    )
    const state = close(SETTLEMENT_JOURNEY, 'S9', busy)
    expect(state.nodes.size).toBe(1 + bounds.maxFanOut)
    expect(state.truncated).toBe(true)
    expect(state.skipped[0]).toMatchObject({ key: 'retail.settlement.id', value: 'S9' })
  })

  it('stops at the depth and size bounds', () => {
    expect(keysOf(close(ORDER_JOURNEY, 'O1', estate, { ...bounds, maxDepth: 1 }))).toEqual([
      'retail.order.id=O1@0',
      'retail.payment.id=P1@1',
      'retail.return.id=R1@1',
    ])
    const small = close(ORDER_JOURNEY, 'O1', estate, { ...bounds, maxKeys: 2 })
    expect(small.nodes.size).toBe(2)
    expect(small.truncated).toBe(true)
  })

  it('asks for the neighbours of keys that share a path together, each limited to the names not yet on it', () => {
    const state = expandClosure(
      startClosure(ORDER_JOURNEY, 'O1'),
      [
        { key: 'retail.order.id', value: 'O1', linkedKey: 'retail.payment.id', linkedValue: 'P1', firstMs: 1, lastMs: 1, neighbours: 2 },
        { key: 'retail.order.id', value: 'O1', linkedKey: 'retail.payment.id', linkedValue: 'P2', firstMs: 1, lastMs: 1, neighbours: 2 },
      ],
      bounds,
    )
    expect(neighbourRequests(ORDER_JOURNEY, state, bounds)).toEqual([
      {
        key: 'retail.payment.id',
        values: ['P1', 'P2'],
        allowed: ['retail.return.id', 'retail.shipment.id', 'retail.settlement.id', 'retail.erp.document.id'],
      },
    ])
  })
})
