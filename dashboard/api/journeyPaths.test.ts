import { describe, expect, it } from 'vitest'
import { alertsPath, journeyListPath, journeyPath, journeyStatsPath, silencePath } from './journeyPaths.ts'

const hour = { fromMs: 0, toMs: 3_600_000 }

describe('journey API paths', () => {
  it('lists journeys with only the filters set', () => {
    expect(journeyListPath(hour, { type: 'order', status: 'late', limit: 20 })).toBe(
      '/api/journeys?type=order&status=late&from=1970-01-01T00%3A00%3A00.000Z&to=1970-01-01T01%3A00%3A00.000Z&limit=20',
    )
  })

  it('escapes a journey key so it stays one path segment', () => {
    expect(journeyPath('order', 'A/1 ?')).toBe('/api/journeys/order/A%2F1%20%3F')
  })

  it('asks for an aggregate over the window', () => {
    expect(journeyStatsPath('latency', hour, { type: 'order', by: 'store' })).toMatch(
      /^\/api\/journeys\/stats\/latency\?from=.*&type=order&by=store$/,
    )
  })
})

describe('alert API paths', () => {
  it('names the states asked for, comma-separated', () => {
    expect(alertsPath(['firing', 'pending'])).toBe('/api/alerts?state=firing%2Cpending')
    expect(alertsPath()).toBe('/api/alerts')
    expect(silencePath('erp-errors_erp')).toBe('/api/alerts/erp-errors_erp/silence')
  })
})
