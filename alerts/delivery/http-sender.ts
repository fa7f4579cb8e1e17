/**
 * Sends one channel request with fetch: the only place alerts touch the network. Every failure
 * (timeout, refused connection, an error status) comes back as a value with the status and any
 * Retry-After, never as an exception.
 */
import type { HttpRequest } from '../channels/channel.ts'
import { parseRetryAfter, type SendOutcome } from './retry-policy.ts'

/** Sends a request; resolves with its outcome. */
export type Sender = (request: HttpRequest, signal?: AbortSignal) => Promise<SendOutcome>

/** A sender over fetch with a timeout per request. */
export function httpSender(timeoutMs = 10_000): Sender {
  return async (request, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })
      // Read the answer to the end, so the connection goes back to the pool; keep a little for the record.
      const text = (await response.text()).slice(0, 300)
      if (response.ok) return { ok: true, status: response.status }
      const retryAfterMs = response.status === 429 || response.status >= 500 ? parseRetryAfter(response.headers.get('retry-after'), Date.now()) : undefined
      return { ok: false, status: response.status, error: `HTTP ${response.status}${text ? `: ${text}` : ''}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
      const message = timeout.aborted ? `no answer within ${timeoutMs} ms` : `${error instanceof Error ? error.message : String(error)}${cause}`
      return { ok: false, error: message }
    }
  }
}
