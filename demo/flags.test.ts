import { describe, expect, it } from 'vitest'
import { DEFAULT_FAULTS, DemoFlagError, NO_FAULTS, parseDemoFlags } from './index.ts'

describe('parseDemoFlags', () => {
  it('gives a live demo with the light default faults when no demo flag is given', () => {
    const options = parseDemoFlags([], 42)
    expect(options).toEqual({ rate: 1, seed: 42, stores: 6, faults: DEFAULT_FAULTS })
    expect(options.journeys).toBeUndefined()
  })

  it('reads rate, seed, stores and faults in both flag forms', () => {
    const options = parseDemoFlags([
      '--demo-rate',
      '2',
      '--demo-seed=7',
      '--demo-stores',
      '4',
      '--demo-faults',
      'slow-erp,drop-message:0.5',
    ])
    expect(options.rate).toBe(2)
    expect(options.seed).toBe(7)
    expect(options.stores).toBe(4)
    expect(options.faults).toEqual({ ...NO_FAULTS, 'slow-erp': 0.2, 'drop-message': 0.5 })
  })

  it('turns journey counts into a bounded run, the counts not given being zero', () => {
    expect(parseDemoFlags(['--demo-orders', '10', '--demo-returns=2']).journeys).toEqual({
      orders: 10,
      sales: 0,
      returns: 2,
      promotions: 0,
      settlements: 0,
    })
  })

  it('turns every fault off with none', () => {
    expect(parseDemoFlags(['--demo-faults', 'none']).faults).toEqual(NO_FAULTS)
  })

  it.each([
    [['--demo-rate', 'fast'], '--demo-rate'],
    [['--demo-rate', '0'], '--demo-rate'],
    [['--demo-seed', '1.5'], '--demo-seed'],
    [['--demo-stores', '40'], '--demo-stores'],
    [['--demo-faults', 'slow-erp,meteor'], '--demo-faults'],
    [['--demo-faults', 'slow-erp:2'], '--demo-faults slow-erp'],
    [['--demo-orders'], '--demo-orders'],
    [['--demo-speed', '3'], '--demo-speed'],
  ])('rejects %j naming the flag', (argv, flag) => {
    let thrown: unknown
    try {
      parseDemoFlags(argv)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(DemoFlagError)
    expect((thrown as DemoFlagError).flag).toBe(flag)
    expect((thrown as DemoFlagError).message).toMatch(new RegExp(`^${flag}: `))
  })
})
