/**
 * When to try a failed delivery again: exponential back-off with jitter, or exactly what the
 * tool asked for in Retry-After on a 429 or 5xx; a 4xx other than 408 and 429 means the request
 * itself is wrong (a bad key, a removed webhook) and is not retried. Pure, as the retrying
 * transport of opentelemetry-js's OTLP exporters is a pure policy around one send.
 */
import type { Result } from '../../core/index.ts'

/** Why a send did not land: the status if an answer came, what went wrong, and any Retry-After. */
export interface SendFailure {
  readonly status?: number
  readonly message: string
  readonly retryAfterMs?: number
}

/** What one send came to: the tool's status, or why it failed. */
export type SendOutcome = Result<{ readonly status: number }, SendFailure>

/** The knobs of the back-off. */
export interface RetryPolicy {
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** A Retry-After longer than this is cut to it, so one header cannot park a delivery for a day. */
  readonly maxRetryAfterMs: number
  readonly maxAttempts: number
  /** A delivery older than this is given up: a page about last week helps nobody. */
  readonly maxAgeMs: number
}

/** The defaults: 1 s doubling to 5 min, at most 20 attempts within a day. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  maxRetryAfterMs: 3_600_000,
  maxAttempts: 20,
  maxAgeMs: 86_400_000,
})

/** The next step after an attempt. */
export type RetryDecision =
  { readonly kind: 'done' } | { readonly kind: 'retry'; readonly at: number } | { readonly kind: 'give_up'; readonly reason: string }

/** Whether a status (or no status: the request never got an answer) is worth another try. */
export function retryable(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500
}

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), if it is valid. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** What to do after attempt number `attempt` (1-based) of a delivery created at `createdAt`. */
export function nextStep(
  outcome: SendOutcome,
  attempt: number,
  createdAt: number,
  now: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (outcome.ok) return { kind: 'done' }
  if (!retryable(outcome.error.status)) return { kind: 'give_up', reason: `the channel refused it (${outcome.error.status}); not retried` }
  if (attempt >= policy.maxAttempts) return { kind: 'give_up', reason: `gave up after ${attempt} attempts` }
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  // Equal jitter: half the back-off for sure, half at random, so many deliveries failing together spread out.
  const jittered = backoff / 2 + random() * (backoff / 2)
  const delay = outcome.error.retryAfterMs !== undefined ? Math.min(outcome.error.retryAfterMs, policy.maxRetryAfterMs) : jittered
  const at = now + Math.round(delay)
  if (at - createdAt > policy.maxAgeMs)
    return { kind: 'give_up', reason: `gave up: still failing ${Math.round((now - createdAt) / 60_000)} minutes after the alert` }
  return { kind: 'retry', at }
}
