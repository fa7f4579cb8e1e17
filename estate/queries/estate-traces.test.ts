import { describe, expect, it } from 'vitest'
import { messageProblemCountsQuery, messageProblemsQuery, traceListQuery } from './estate-traces.ts'

const target = { database: 'throughline', retentionDays: 30 }
const filter = { tenant: 'acme', from: new Date('2025-11-30T09:00:00Z'), to: new Date('2025-11-30T10:00:00Z') }

describe('trace lists', () => {
  it('orders the slowest traces by duration', () => {
    const q = traceListQuery(target, filter, 'slowest', 50)
    expect(q.text).toContain('GROUP BY TraceId')
    expect(q.text).toContain('ORDER BY durationNs DESC, traceId')
    expect(q.text).not.toContain('errorCount > 0')
    expect(Object.values(q.params)).toEqual(expect.arrayContaining(['retail.sku', 50]))
  })

  it('keeps only traces with an error for the failed list, newest first', () => {
    const q = traceListQuery(target, filter, 'failed', 50)
    expect(q.text).toContain('HAVING 1 AND errorCount > 0')
    expect(q.text).toContain('ORDER BY startNs DESC, traceId')
  })

  it('keeps the traces that touch the selected service and span', () => {
    const q = traceListQuery(target, { ...filter, service: 'erp-gateway', span: 'erp.post_invoice' }, 'slowest', 10)
    expect(q.text).toMatch(/HAVING 1 AND countIf\(ServiceName = \{p\d+:String\} AND SpanName = \{p\d+:String\}\) > 0/)
    expect(Object.values(q.params)).toEqual(expect.arrayContaining(['erp-gateway', 'erp.post_invoice']))
  })
})

describe('message problems', () => {
  it('finds failed messaging spans, retries and dead letters, one row per span', () => {
    const q = messageProblemsQuery(target, filter, 50)
    expect(q.text).toContain("(SpanKind IN ('consumer', 'producer') AND StatusCode = 'error')")
    expect(q.text).toContain('LIMIT 1 BY TraceId, SpanId')
    expect(q.text).toMatch(
      /multiIf\(SpanAttributes\[\{p\d+:String\}\] = 'true', 'dead_letter', StatusCode = 'error', 'failed', 'retried'\)/,
    )
    expect(Object.values(q.params)).toEqual(expect.arrayContaining(['retail.retry.attempt', 'retail.dead_letter', 'exception.message']))
  })

  it('counts over the same spans, narrowed to a service when one is selected', () => {
    const q = messageProblemCountsQuery(target, { ...filter, service: 'erp-gateway' })
    expect(q.text).toContain('AS deadLettered')
    expect(q.text).toMatch(/AND ServiceName = \{p\d+:String\} AND \(/)
  })
})
