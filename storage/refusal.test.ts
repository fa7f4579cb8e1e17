import { describe, expect, it } from 'vitest'
import { classifyRefusal } from './refusal.ts'

const engine = (code: number, message: string) => Object.assign(new Error(message), { code: String(code) })

describe('insert refusals', () => {
  it('tells refusals that the same rows will meet again from those that pass', () => {
    expect(classifyRefusal(engine(25, 'Cannot parse escape sequence: missing second part of surrogate pair'))).toMatchObject({
      kind: 'permanent',
      reason: 'unparsable',
    })
    expect(classifyRefusal(engine(252, 'Too many partitions for single INSERT block (more than 100).'))).toMatchObject({
      kind: 'permanent',
      reason: 'partition_limit',
    })
    expect(classifyRefusal(engine(252, 'Too many parts (3001). Merges are processing significantly slower than inserts'))).toMatchObject({
      kind: 'transient',
    })
    expect(classifyRefusal(engine(241, 'Memory limit (total) exceeded'))).toMatchObject({ kind: 'transient' })
    expect(classifyRefusal(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'transient' })
    expect(classifyRefusal(new Error('Timeout error.'))).toMatchObject({ kind: 'transient' })
    expect(classifyRefusal(engine(9999, 'something new'))).toMatchObject({ kind: 'unknown', reason: 'refused' })
  })

  it("keeps the engine's words on one line of bounded length", () => {
    const refusal = classifyRefusal(engine(26, `Cannot parse JSON string:\n${'x'.repeat(2000)}`))
    expect(refusal.message).not.toMatch(/\n/)
    expect(refusal.message.length).toBeLessThanOrEqual(500)
  })
})
