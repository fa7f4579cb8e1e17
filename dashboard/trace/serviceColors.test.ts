import { describe, expect, it } from 'vitest'
import { SERVICE_PALETTE, assignServiceColors } from './serviceColors.ts'

describe('assignServiceColors', () => {
  it('gives each service of a trace its own colour', () => {
    const colors = assignServiceColors(['oms', 'erp-gateway', 'oms', 'storefront'])
    expect(colors.size).toBe(3)
    expect(new Set(colors.values()).size).toBe(3)
  })

  it('draws the same trace the same way whatever order the spans arrive in', () => {
    expect(assignServiceColors(['b', 'a']).get('b')).toBe(assignServiceColors(['a', 'b']).get('b'))
  })

  it('reuses the palette when a trace has more services than colours', () => {
    const many = Array.from({ length: SERVICE_PALETTE.length + 1 }, (_, i) => `svc-${String(i).padStart(2, '0')}`)
    const colors = assignServiceColors(many)
    expect(colors.get(many[SERVICE_PALETTE.length]!)).toBe(SERVICE_PALETTE[0])
  })
})
