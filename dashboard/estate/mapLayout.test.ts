import { describe, expect, it } from 'vitest'
import type { EstateHop, EstateService } from '../../core/index.ts'
import { boxExit, layoutEstateMap, NODE_HEIGHT, NODE_WIDTH } from './mapLayout.ts'

const stats = { count: 10, errors: 0, p50Ms: 1, p95Ms: 2, p99Ms: 3 }
const service = (name: string, system: string): EstateService => ({ service: name, system, ...stats })
const hop = (kind: 'call' | 'message', from: string, fromSystem: string, to: string, toSystem: string): EstateHop => ({
  kind,
  fromService: from,
  fromSystem,
  toService: to,
  toSystem,
  operations: [],
  retries: 0,
  deadLetters: 0,
  ...stats,
})
const services = [
  service('erp-gateway', 'erp'),
  service('storefront', 'ecommerce'),
  service('order-management', 'oms'),
  service('store-pos', 'pos'),
]

describe('layoutEstateMap', () => {
  it('puts channels left, orchestration in the middle and the back office right', () => {
    const map = layoutEstateMap(services, [], 1000)
    const x = (name: string) => map.nodes.find((n) => n.service === name)!.x
    expect(x('storefront')).toBe(x('store-pos'))
    expect(x('storefront')).toBeLessThan(x('order-management'))
    expect(x('order-management')).toBeLessThan(x('erp-gateway'))
    expect(x('erp-gateway') + NODE_WIDTH).toBeLessThanOrEqual(1000)
  })

  it('lays out the same input the same way, whatever the order it comes in', () => {
    const hops = [
      hop('call', 'storefront', 'ecommerce', 'order-management', 'oms'),
      hop('message', 'order-management', 'oms', 'erp-gateway', 'erp'),
    ]
    expect(layoutEstateMap([...services].reverse(), [...hops].reverse(), 1000)).toEqual(layoutEstateMap(services, hops, 1000))
  })

  it('keeps 30 services apart: no two boxes overlap, and every box is on the canvas', () => {
    const systems = ['ecommerce', 'pos', 'oms', 'payment', 'wms', 'erp', 'tax', 'merchandising', 'crm', 'pim']
    const many = Array.from({ length: 30 }, (_, i) => service(`service-${String(i).padStart(2, '0')}`, systems[i % systems.length]!))
    const calls = many.slice(1).map((s, i) => hop('call', many[i]!.service, many[i]!.system, s.service, s.system))
    const layout = layoutEstateMap(many, calls, 1240)
    expect(layout.nodes).toHaveLength(30)
    for (const a of layout.nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0)
      expect(a.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width)
      expect(a.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height)
      for (const b of layout.nodes) {
        if (a === b) continue
        const apart = a.x + NODE_WIDTH <= b.x || b.x + NODE_WIDTH <= a.x || a.y + NODE_HEIGHT <= b.y || b.y + NODE_HEIGHT <= a.y
        expect(apart, `${a.service} and ${b.service}`).toBe(true)
      }
    }
    expect(layout.edges).toHaveLength(29)
  })

  it('adds services that only appear in a hop', () => {
    const map = layoutEstateMap([], [hop('call', 'tax-engine', 'tax', 'erp-gateway', 'erp')], 1000)
    expect(map.nodes.map((n) => n.service).sort()).toEqual(['erp-gateway', 'tax-engine'])
  })

  it('bends two hops between the same services apart', () => {
    const hops = [
      hop('call', 'order-management', 'oms', 'erp-gateway', 'erp'),
      hop('message', 'order-management', 'oms', 'erp-gateway', 'erp'),
      hop('call', 'erp-gateway', 'erp', 'order-management', 'oms'),
    ]
    const map = layoutEstateMap(services, hops, 1000)
    const labels = new Set(map.edges.map((e) => `${e.labelX},${e.labelY}`))
    expect(map.edges).toHaveLength(3)
    expect(labels.size).toBe(3)
    for (const edge of map.edges) expect(edge.path).toMatch(/^M [\d.]+ [\d.]+ Q [-\d.]+ [-\d.]+ [\d.]+ [\d.]+$/)
  })
})

describe('boxExit', () => {
  it('leaves a box through the side facing the target', () => {
    const node = { service: 'a', system: '', x: 0, y: 0 }
    expect(boxExit(node, 1000, NODE_HEIGHT / 2)).toEqual({ x: NODE_WIDTH, y: NODE_HEIGHT / 2 })
    expect(boxExit(node, NODE_WIDTH / 2, -500)).toEqual({ x: NODE_WIDTH / 2, y: 0 })
  })
})
