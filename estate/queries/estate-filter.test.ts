import { describe, expect, it } from 'vitest'
import {
  callHopsQuery,
  latencySeriesQuery,
  latencyTotalsQuery,
  messageHopsQuery,
  scopeCondition,
  type EstateFilter,
} from './estate-filter.ts'

const target = { database: 'throughline', retentionDays: 30 }
const from = new Date('2025-11-30T09:00:00.000Z')
const to = new Date('2025-11-30T10:00:00.000Z')
const filter: EstateFilter = { tenant: 'acme', from, to }

describe('estate scope', () => {
  it('binds the tenant and the window, and nothing else without filters', () => {
    const q = scopeCondition(filter)
    expect(q.text).toBe('Tenant = {p0:String} AND Timestamp >= {p1:DateTime64(3)} AND Timestamp < {p2:DateTime64(3)}')
    expect(q.params).toEqual({ p0: 'acme', p1: '1764493200.000', p2: '1764496800.000' })
  })

  it('adds store, channel and region as bound attribute filters, never spliced', () => {
    const q = scopeCondition({ ...filter, store: "store-1' OR 1=1", channel: 'pos', region: 'north' })
    expect(q.text).toContain(
      'SpanAttributes[{p3:String}] = {p4:String} AND SpanAttributes[{p5:String}] = {p6:String} AND SpanAttributes[{p7:String}] = {p8:String}',
    )
    expect(Object.values(q.params)).toEqual([
      'acme',
      '1764493200.000',
      '1764496800.000',
      'retail.store.id',
      "store-1' OR 1=1",
      'retail.channel',
      'pos',
      'retail.region',
      'north',
    ])
    expect(q.text).not.toContain('OR 1=1')
  })
})

describe('latency queries', () => {
  it('groups entry spans by service when no service is selected', () => {
    const q = latencyTotalsQuery(target, filter)
    expect(q.text).toContain('SELECT ServiceName AS name')
    expect(q.text).toContain("(SpanKind IN ('server', 'consumer') OR ParentSpanId = '')")
    expect(q.text).toContain('quantiles(0.5, 0.95, 0.99)(Duration)')
    expect(q.text).toContain('FROM throughline.spans')
  })

  it('groups every span of the selected service by name, and narrows to one span name', () => {
    const q = latencyTotalsQuery(target, { ...filter, service: 'erp-gateway', span: 'erp.post_invoice' })
    expect(q.text).toContain('SELECT SpanName AS name')
    expect(q.text).not.toContain("SpanKind IN ('server', 'consumer')")
    expect(Object.values(q.params)).toEqual(expect.arrayContaining(['erp-gateway', 'erp.post_invoice']))
  })

  it('buckets by a bound step and reads only the groups named', () => {
    const q = latencySeriesQuery(target, filter, 60, ['oms', 'erp'])
    expect(q.text).toMatch(/toStartOfInterval\(Timestamp, toIntervalSecond\(\{p\d+:Int64\}\)\)/)
    expect(q.text).toMatch(/ServiceName IN \{p\d+:Array\(String\)\}/)
    expect(Object.values(q.params)).toEqual(expect.arrayContaining([60, ['oms', 'erp']]))
  })
})

describe('hop queries', () => {
  it('pairs a client span with the server span under it in another service, filtering the server side', () => {
    const q = callHopsQuery(target, { ...filter, store: 'store-7' })
    expect(q.text).toContain('ON callee.TraceId = caller.TraceId AND callee.ParentSpanId = caller.SpanId')
    expect(q.text).toContain("SpanKind = 'client'")
    expect(q.text).toContain("SpanKind = 'server'")
    expect(q.text).toContain('WHERE caller.ServiceName != callee.ServiceName')
    // The tenant and window bound both sides; the store only the callee.
    expect(Object.values(q.params).filter((v) => v === 'acme')).toHaveLength(2)
    expect(Object.values(q.params).filter((v) => v === 'store-7')).toHaveLength(1)
  })

  it('pairs a consumer span with the producer span it links to or is the child of, and times the wait apart from the work', () => {
    const q = messageHopsQuery(target, filter)
    expect(q.text).toContain(
      'ARRAY JOIN arrayDistinct(arrayPushBack(arrayZip(Links.TraceId, Links.SpanId), (TraceId, ParentSpanId))) AS Produced',
    )
    expect(q.text).toContain('ON consumer.ProducerTraceId = producer.TraceId AND consumer.ProducerSpanId = producer.SpanId')
    expect(q.text).toContain('greatest(consumer.EndNs - producer.StartNs, 0)')
    expect(q.text).toContain('greatest(consumer.StartNs - producer.StartNs, 0)')
    expect(Object.values(q.params)).toEqual(expect.arrayContaining(['retail.retry.attempt', 'retail.dead_letter']))
  })
})
