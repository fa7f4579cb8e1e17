import { describe, expect, it } from 'vitest'
import { applyResult, initialPollState } from './pollState.ts'

const failure = { status: 0, code: 'network', message: 'Cannot reach the Throughline API.' } as const
const t1 = new Date('2025-11-30T09:00:00Z')
const t2 = new Date('2025-11-30T09:00:05Z')

describe('applyResult', () => {
  it('shows the first answer and when it came', () => {
    const state = applyResult(initialPollState<number>(), { ok: true, value: 7 }, t1)
    expect(state).toEqual({ data: 7, failure: undefined, loading: false, updatedAt: t1 })
  })

  it('keeps the last good answer when a refresh fails', () => {
    const good = applyResult(initialPollState<number>(), { ok: true, value: 7 }, t1)
    const stale = applyResult(good, { ok: false, failure }, t2)
    expect(stale).toEqual({ data: 7, failure, loading: false, updatedAt: t1 })
  })

  it('clears the failure once a refresh succeeds again', () => {
    const failed = applyResult(initialPollState<number>(), { ok: false, failure }, t1)
    expect(failed.loading).toBe(false)
    expect(applyResult(failed, { ok: true, value: 8 }, t2).failure).toBeUndefined()
  })
})
