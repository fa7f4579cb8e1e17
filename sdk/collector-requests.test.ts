import { describe, expect, it } from 'vitest'
import { isCollectorRequestFor } from './collector-requests.ts'

describe('collector requests', () => {
  const isCollector = isCollectorRequestFor('http://127.0.0.1:4318/v1/traces')

  it('recognises the exporter posting to the collector', () => {
    expect(isCollector({ hostname: '127.0.0.1', port: '4318', path: '/v1/traces', method: 'POST' })).toBe(true)
  })

  it("lets the service's own calls through, even to the same host", () => {
    expect(isCollector({ hostname: '127.0.0.1', port: 8080, path: '/orders' })).toBe(false)
    expect(isCollector({ hostname: 'erp.internal', port: 4318 })).toBe(false)
  })

  it('fills in the default port of the scheme', () => {
    const isHttpsCollector = isCollectorRequestFor('https://Ingest.Example.com/v1/traces')
    expect(isHttpsCollector({ host: 'ingest.example.com', protocol: 'https:' })).toBe(true)
    expect(isHttpsCollector({ host: 'ingest.example.com', protocol: 'http:' })).toBe(false)
  })
})
