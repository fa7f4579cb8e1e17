import { afterEach, describe, expect, it, vi } from 'vitest'
import { resolveOptions } from './options.ts'

const base = { serviceName: 'oms-api', system: 'oms' }

afterEach(() => vi.restoreAllMocks())

describe('init options', () => {
  // First in the file: warnings are said once per process, and later tests warn about serviceName.
  it('takes the service name from OTEL_SERVICE_NAME without a warning when the options leave it out', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(resolveOptions({ system: 'oms' }, { OTEL_SERVICE_NAME: 'order-api' }).serviceName).toBe('order-api')
    expect(warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('serviceName'))).toEqual([])
    warn.mockRestore()
  })

  it('posts to /v1/traces under the endpoint, the variable, then the local default', () => {
    expect(resolveOptions({ ...base, endpoint: 'https://tl.example.com/otlp/' }, {}).tracesUrl).toBe(
      'https://tl.example.com/otlp/v1/traces',
    )
    expect(resolveOptions(base, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracesUrl).toBe('http://collector:4318/v1/traces')
    expect(resolveOptions(base, {}).tracesUrl).toBe('http://127.0.0.1:4318/v1/traces')
  })

  it('takes an endpoint that already names /v1/traces as it is, and the per-signal variable as a full URL', () => {
    expect(resolveOptions({ ...base, endpoint: 'http://c:4318/v1/traces' }, {}).tracesUrl).toBe('http://c:4318/v1/traces')
    expect(resolveOptions(base, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:9999/custom' }).tracesUrl).toBe('http://c:9999/custom')
  })

  it('sends the api key as a bearer token beside the other headers', () => {
    expect(resolveOptions({ ...base, apiKey: 'k-123', headers: { 'x-tenant': 'acme' } }, {}).headers).toEqual({
      'x-tenant': 'acme',
      Authorization: 'Bearer k-123',
    })
  })

  it('warns about bad options and falls back instead of throwing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const resolved = resolveOptions(
      { serviceName: 42, endpoint: 'not a url', apiKey: '', headers: { n: 1 } },
      { OTEL_SERVICE_NAME: 'from-env' },
    )
    expect(resolved).toMatchObject({
      serviceName: 'from-env',
      system: undefined,
      tracesUrl: 'http://127.0.0.1:4318/v1/traces',
      headers: {},
    })
    const messages = warn.mock.calls.map(([message]) => String(message)).join('\n')
    for (const field of ['serviceName', 'system', 'endpoint', 'apiKey', 'header n']) expect(messages).toContain(field)
  })

  it('survives no options at all', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(resolveOptions(undefined, {}).serviceName).toBe('unknown_service:node')
  })
})
