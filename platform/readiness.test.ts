import { describe, expect, it } from 'vitest'
import { cachedReadiness } from './readiness.ts'

describe('readiness', () => {
  it('asks storage once per interval however often it is asked, and says not ready when the probe fails', async () => {
    let now = 0
    let probes = 0
    let up = true
    const ready = cachedReadiness(
      () => {
        probes++
        return up ? Promise.resolve(true) : Promise.reject(new Error('down'))
      },
      5000,
      () => now,
    )
    expect(await Promise.all(Array.from({ length: 50 }, () => ready()))).toEqual(Array(50).fill(true))
    expect(probes).toBe(1)
    up = false
    now = 4999
    expect(await ready()).toBe(true)
    now = 5000
    expect(await ready()).toBe(false)
    expect(probes).toBe(2)
  })
})
