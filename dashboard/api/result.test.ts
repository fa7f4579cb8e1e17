import { describe, expect, it } from 'vitest'
import { failureFromResponse, networkFailure } from './result.ts'

describe('failureFromResponse', () => {
  it('reads the code and message of the API error body', () => {
    const body = JSON.stringify({ error: { code: 'not_found', message: 'No trace 4bf9 in the last 30 days.' } })
    expect(failureFromResponse(404, body)).toEqual({ status: 404, code: 'not_found', message: 'No trace 4bf9 in the last 30 days.' })
  })

  it('falls back to the status when the body is not the API error shape', () => {
    expect(failureFromResponse(401, '')).toEqual({ status: 401, code: 'unauthorized', message: 'The query API answered HTTP 401.' })
    expect(failureFromResponse(502, '<html>Bad gateway</html>').code).toBe('unavailable')
    expect(failureFromResponse(500, '{"error":"boom"}').code).toBe('internal')
    expect(failureFromResponse(418, 'null').code).toBe('bad_request')
  })

  it('keeps a known status code when the body names an unknown code', () => {
    const failure = failureFromResponse(429, JSON.stringify({ error: { code: 'slow_down', message: 'Too many requests.' } }))
    expect(failure).toEqual({ status: 429, code: 'too_many_requests', message: 'Too many requests.' })
  })
})

describe('networkFailure', () => {
  it('tells a cancelled request from an unreachable API', () => {
    expect(networkFailure(new DOMException('stop', 'AbortError')).code).toBe('aborted')
    expect(networkFailure(new TypeError('fetch failed')).code).toBe('network')
  })
})
