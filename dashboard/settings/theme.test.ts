import { describe, expect, it } from 'vitest'
import { nextTheme } from './theme.ts'

describe('theme switch', () => {
  it('cycles from the browser’s preference to light, to dark, and back', () => {
    expect(nextTheme('system')).toBe('light')
    expect(nextTheme('light')).toBe('dark')
    expect(nextTheme('dark')).toBe('system')
  })
})
