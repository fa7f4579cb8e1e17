import { describe, expect, it } from 'vitest'
import { criticalPath, type PathSpan } from './criticalPath.ts'

const MS = 1_000_000n
const span = (spanId: string, parentSpanId: string, startMs: number, durationMs: number): PathSpan => ({
  spanId,
  parentSpanId,
  startTimeUnixNano: String(BigInt(startMs) * MS + 1_700_000_000_000n * MS),
  durationMs,
})

describe('critical path', () => {
  it('follows what the end waited on: the last child, then the one that ended before it started, not a parallel one', () => {
    const spans = [
      span('root', '', 0, 100),
      span('auth', 'root', 0, 20), // ended before reserve started: sequential, on the path
      span('audit', 'root', 5, 10), // ran beside auth and ended inside it: off the path
      span('reserve', 'root', 25, 70),
      span('lock', 'reserve', 30, 10),
      span('write', 'reserve', 45, 45),
      span('notify', 'reserve', 50, 5), // parallel with write: off the path
    ]
    expect([...criticalPath(spans)].sort()).toEqual(['auth', 'lock', 'reserve', 'root', 'write'])
  })

  it('starts from every root, and treats a span whose parent is missing as one', () => {
    expect([...criticalPath([span('a', '', 0, 10), span('b', 'gone', 50, 10)])].sort()).toEqual(['a', 'b'])
  })
})
