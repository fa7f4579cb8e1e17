import { describe, expect, it } from 'vitest'
import { isJourneyStatus } from '../../core/index.ts'
import { stageStateLabel, STATUS_ORDER, statusLabel } from './statuses.ts'

describe('journey statuses', () => {
  it('puts what needs a look first and says each in words', () => {
    expect(STATUS_ORDER[0]).toBe('failed')
    expect(statusLabel('in_progress')).toBe('in progress')
    expect(stageStateLabel('pending')).toBe('not yet due')
  })

  it("recognises only the contract's statuses", () => {
    expect(isJourneyStatus('late')).toBe(true)
    expect(isJourneyStatus('lost')).toBe(false)
    expect(isJourneyStatus(undefined)).toBe(false)
  })
})
