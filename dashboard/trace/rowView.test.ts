import { describe, expect, it } from 'vitest'
import { buildSpanTree } from './spanTree.ts'
import { ancestorsOf, findSpans, visibleRows } from './rowView.ts'

const span = (spanId: string, parentSpanId: string, start: number, name = spanId) => ({
  spanId,
  parentSpanId,
  startTimeUnixNano: String(start),
  name,
  service: 'oms',
  statusMessage: '',
  attributes: {},
  businessKeys: {},
})

// root ─ a ─ a1
//      │   └ a2
//      └ b
const spans = [span('root', '', 1), span('a', 'root', 2), span('a1', 'a', 3), span('a2', 'a', 4), span('b', 'root', 5)]
const rows = buildSpanTree(spans)

describe('the rows a waterfall shows', () => {
  it('hides a collapsed subtree and nothing after it', () => {
    expect(visibleRows(rows, new Set(['a'])).map((row) => row.span.spanId)).toEqual(['root', 'a', 'b'])
    expect(visibleRows(rows, new Set(['root'])).map((row) => row.span.spanId)).toEqual(['root'])
    expect(visibleRows(rows, new Set()).map((row) => row.span.spanId)).toEqual(['root', 'a', 'a1', 'a2', 'b'])
  })

  it('finds spans by name, service, message or attribute value, whatever the case, and opens their ancestors', () => {
    const withKey = [...spans.slice(0, 4), { ...span('b', 'root', 5), attributes: { 'retail.sku': 'SKU-42' } }]
    expect([...findSpans(withKey, 'sku-4')]).toEqual(['b'])
    expect([...findSpans(withKey, 'A1')]).toEqual(['a1'])
    expect(findSpans(withKey, '  ').size).toBe(0)
    expect([...ancestorsOf(spans, new Set(['a2']))].sort()).toEqual(['a', 'root'])
  })
})
