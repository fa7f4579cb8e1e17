import { describe, expect, it } from 'vitest'
import { buildSpanTree } from './spanTree.ts'

const span = (spanId: string, parentSpanId: string, start: number) => ({
  spanId,
  parentSpanId,
  startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(start)),
})

const shape = (rows: ReturnType<typeof buildSpanTree>) =>
  rows.map((r) => `${'  '.repeat(r.depth)}${r.span.spanId}${r.orphan ? ' (orphan)' : ''}`)

describe('buildSpanTree', () => {
  it('puts children under their parent, siblings in start order', () => {
    const rows = buildSpanTree([span('c2', 'root', 30), span('root', '', 0), span('c1', 'root', 10), span('g1', 'c1', 12)])
    expect(shape(rows)).toEqual(['root', '  c1', '    g1', '  c2'])
    expect(rows[0]!.childCount).toBe(2)
  })

  it('keeps spans whose parent is missing, as orphan roots in time order', () => {
    const rows = buildSpanTree([span('late', 'gone', 50), span('root', '', 0), span('kid', 'late', 60)])
    expect(shape(rows)).toEqual(['root', 'late (orphan)', '  kid'])
  })

  it('shows every span even when parents form a cycle', () => {
    const rows = buildSpanTree([span('a', 'b', 0), span('b', 'a', 1)])
    expect(rows.map((r) => r.span.spanId).sort()).toEqual(['a', 'b'])
    expect(rows[0]!.orphan).toBe(true)
  })

  it('treats a span that names itself as parent as a root', () => {
    expect(shape(buildSpanTree([span('self', 'self', 0)]))).toEqual(['self'])
  })

  it('compares exact nanosecond starts beyond float precision', () => {
    const rows = buildSpanTree([span('root', '', 0), span('second', 'root', 2), span('first', 'root', 1)])
    expect(shape(rows)).toEqual(['root', '  first', '  second'])
  })

  it('returns nothing for no spans', () => {
    expect(buildSpanTree([])).toEqual([])
  })
})
