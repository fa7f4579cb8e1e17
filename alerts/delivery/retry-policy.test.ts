import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY_POLICY, nextStep, parseRetryAfter, retryable } from './retry-policy.ts'

const policy = DEFAULT_RETRY_POLICY
const failed = (status?: number, retryAfterMs?: number) => ({
  ok: false as const,
  error: { message: 'x', ...(status !== undefined ? { status } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
})

describe('retry policy', () => {
  it('backs off exponentially with jitter between half and all of the back-off', () => {
    const delays = [1, 2, 3, 4].map((attempt) =>
      [0, 1].map((r) => {
        const step = nextStep(failed(503), attempt, 0, 0, policy, () => r)
        return step.kind === 'retry' ? step.at : -1
      }),
    )
    expect(delays).toEqual([
      [500, 1000],
      [1000, 2000],
      [2000, 4000],
      [4000, 8000],
    ])
    const capped = nextStep(failed(), 15, 0, 0, policy, () => 1)
    expect(capped).toEqual({ kind: 'retry', at: 300_000 })
  })

  it('honours Retry-After on 429 and 5xx, up to an hour', () => {
    expect(nextStep(failed(429, 7000), 1, 0, 100, policy, () => 0.5)).toEqual({ kind: 'retry', at: 7100 })
    expect(nextStep(failed(503, 86_400_000), 1, 0, 0, { ...policy, maxAgeMs: 2 * 86_400_000 }, () => 0.5)).toEqual({
      kind: 'retry',
      at: 3_600_000,
    })
  })

  it('retries network failures, 408, 429 and 5xx, and nothing else', () => {
    expect([undefined, 408, 429, 500, 502, 503].map(retryable)).toEqual([true, true, true, true, true, true])
    expect([400, 401, 403, 404, 410, 422].map(retryable)).toEqual([false, false, false, false, false, false])
    expect(nextStep(failed(403), 1, 0, 0, policy, () => 0)).toMatchObject({ kind: 'give_up' })
  })

  it('gives up after the last attempt or once the alert is too old', () => {
    expect(nextStep(failed(503), policy.maxAttempts, 0, 0, policy, () => 0)).toMatchObject({
      kind: 'give_up',
      reason: `gave up after ${policy.maxAttempts} attempts`,
    })
    expect(nextStep(failed(503), 2, 0, policy.maxAgeMs, policy, () => 0)).toMatchObject({ kind: 'give_up' })
    expect(nextStep({ ok: true, value: { status: 202 } }, 9, 0, 0, policy, () => 0)).toEqual({ kind: 'done' })
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000)
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:30 GMT', 10_000)).toBe(20_000)
    expect(parseRetryAfter('soon', 0)).toBeUndefined()
    expect(parseRetryAfter(null, 0)).toBeUndefined()
  })
})
