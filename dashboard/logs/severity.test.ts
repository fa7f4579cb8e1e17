import { describe, expect, it } from 'vitest'
import { severityBadge, severityLabel } from './severity.ts'

describe('severity', () => {
  it('names a record by its own text, else by the band its number falls in', () => {
    expect(severityLabel(9, 'Information')).toBe('Information')
    expect([1, 8, 9, 16, 17, 24, 0].map((number) => severityLabel(number, ''))).toEqual([
      'TRACE',
      'DEBUG',
      'INFO',
      'WARN',
      'ERROR',
      'FATAL',
      'UNSPECIFIED',
    ])
  })

  it('shows errors red and warnings amber', () => {
    expect([9, 13, 17, 21].map(severityBadge)).toEqual(['badge-sev-info', 'badge-sev-warning', 'badge-sev-error', 'badge-sev-error'])
  })
})
