/**
 * Sends one channel request with fetch: the only place alerts touch the network. Every failure
 * (timeout, refused connection, an error status) comes back as a value with the status and any
 * Retry-After, never as an exception.
 */
import { err, ok } from '../../core/index.ts'
import type { HttpRequest } from '../channels/channel.ts'
import { parseRetryAfter, type SendOutcome } from './retry-policy.ts'

/** Sends a request; resolves with its outcome. */
export type Sender = (request: HttpRequest, signal?: AbortSignal) => Promise<SendOutcome>

/** Bytes of an answer read for the record; the rest is cancelled, so a receiver cannot make us hold more. */
const MAX_ANSWER_BYTES = 4096

/** The start of a response body, at most MAX_ANSWER_BYTES of it, as text. */
async function answerStart(response: Response): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < MAX_ANSWER_BYTES) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.byteLength
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8').slice(0, 300)
}

/**
 * A sender over fetch with a timeout per request. Redirects are not followed: a paging tool
 * answers its own URL, and a redirect elsewhere would carry a signed body where it was not meant
 * to go; it is recorded as the failure it is.
 */
export function httpSender(timeoutMs = 10_000): Sender {
  return async (request, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })
      const text = await answerStart(response)
      if (response.status >= 300 && response.status < 400)
        return err({
          status: response.status,
          message: `HTTP ${response.status}: redirected to ${response.headers.get('location') ?? '(nowhere)'}, which is not followed; configure the channel with the final URL`,
        })
      if (response.ok) return ok({ status: response.status })
      const retryAfterMs =
        response.status === 429 || response.status >= 500 ? parseRetryAfter(response.headers.get('retry-after'), Date.now()) : undefined
      return err({
        status: response.status,
        message: `HTTP ${response.status}${text ? `: ${text}` : ''}`,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      })
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
      const message = timeout.aborted
        ? `no answer within ${timeoutMs} ms`
        : `${error instanceof Error ? error.message : String(error)}${cause}`
      return err({ message })
    }
  }
}
