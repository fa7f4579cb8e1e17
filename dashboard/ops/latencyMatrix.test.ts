import { describe, expect, it } from 'vitest'
import { latencyMatrix, stageOrder } from './latencyMatrix.ts'

const row = (from: string, to: string, group: string, p95Ms: number, count = 10) => ({
  from,
  to,
  group,
  count,
  p50Ms: p95Ms / 2,
  p95Ms,
  p99Ms: p95Ms,
})

describe('stageOrder', () => {
  it('walks from the first stage through the branches', () => {
    const transitions = [
      { from: 'order.erp_created', to: 'order.shipped' },
      { from: 'order.placed', to: 'order.payment_authorized' },
      { from: 'order.payment_authorized', to: 'order.erp_created' },
      { from: 'order.erp_created', to: 'order.ready_for_pickup' },
    ]
    expect(stageOrder(transitions)).toEqual([
      'order.placed',
      'order.payment_authorized',
      'order.erp_created',
      'order.ready_for_pickup',
      'order.shipped',
    ])
  })

  it('still lists every stage of a cycle', () => {
    expect(
      stageOrder([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ]),
    ).toEqual(['a', 'b'])
  })
})

describe('latencyMatrix', () => {
  it('puts a row per store and marks the slowest store of each step', () => {
    const matrix = latencyMatrix({
      type: 'order',
      by: 'store',
      transitions: [
        row('order.paid', 'order.packed', 'store-1', 100, 5),
        row('order.placed', 'order.paid', 'store-1', 50, 5),
        row('order.paid', 'order.packed', 'store-2', 300, 9),
      ],
    })
    expect(matrix.transitions).toEqual([
      { from: 'order.placed', to: 'order.paid' },
      { from: 'order.paid', to: 'order.packed' },
    ])
    expect(matrix.rows.map((r) => r.group)).toEqual(['store-2', 'store-1'])
    expect(matrix.rows[0]?.cells).toEqual([undefined, { count: 9, p50Ms: 150, p95Ms: 300, slowest: true }])
    expect(matrix.rows[1]?.cells[1]?.slowest).toBe(false)
  })
})
