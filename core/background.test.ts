import { afterEach, describe, expect, it, vi } from 'vitest'
import { keyedSerialQueues, runPeriodically, serialQueue } from './background.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('background work', () => {
  it('runs a periodic task an interval after each run ends, backs off while it fails, and stops when done', async () => {
    vi.useFakeTimers()
    const runs: number[] = []
    const errors: unknown[] = []
    // Runs 2 to 5 fail: the waits after them double (2 s, 4 s, 8 s), capped at 5 s; a success resets the wait.
    const loop = runPeriodically(
      () => {
        runs.push(Date.now())
        if (runs.length >= 2 && runs.length <= 5) return Promise.reject(new Error('engine away'))
        return Promise.resolve(runs.length === 7 ? 'done' : 'again')
      },
      { intervalMs: 1000, firstDelayMs: 0, maxBackoffMs: 5000, onError: (error) => errors.push(error) },
    )
    await vi.advanceTimersByTimeAsync(60_000)
    expect(runs.map((at) => at - runs[0]!)).toEqual([0, 1000, 3000, 7000, 12_000, 17_000, 18_000])
    expect(errors).toHaveLength(4)
    await loop.stop()
  })

  it('stops between runs and waits for a run in progress', async () => {
    let release: () => void = () => undefined
    let started = 0
    const loop = runPeriodically(
      () => {
        started++
        return new Promise<void>((resolve) => {
          release = resolve
        })
      },
      { intervalMs: 5, firstDelayMs: 0, onError: () => undefined },
    )
    await vi.waitFor(() => expect(started).toBe(1))
    const stopping = loop.stop()
    let stopped = false
    void stopping.then(() => {
      stopped = true
    })
    await Promise.resolve()
    expect(stopped).toBe(false)
    release()
    await stopping
    expect(started).toBe(1)
  })

  it('runs queued tasks one after another, a failure not blocking the next', async () => {
    const run = serialQueue()
    const order: string[] = []
    const slow = run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      order.push('slow')
    })
    const failing = run(() => Promise.reject(new Error('no')))
    const fast = run(() => {
      order.push('fast')
      return Promise.resolve(1)
    })
    await expect(failing).rejects.toThrow('no')
    expect(await fast).toBe(1)
    await slow
    expect(order).toEqual(['slow', 'fast'])
  })

  it('keeps one queue per key, and keys apart run side by side', async () => {
    const run = keyedSerialQueues()
    const order: string[] = []
    let release: () => void = () => undefined
    const held = run('acme', () =>
      new Promise<void>((resolve) => {
        release = resolve
      }).then(() => {
        order.push('acme-1')
      }),
    )
    const second = run('acme', () => {
      order.push('acme-2')
      return Promise.resolve()
    })
    await run('globex', () => {
      order.push('globex')
      return Promise.resolve()
    })
    release()
    await Promise.all([held, second])
    expect(order).toEqual(['globex', 'acme-1', 'acme-2'])
  })
})
