import { inspect } from 'node:util'
import { SpanStatusCode, trace } from '@opentelemetry/api'
import type { Attributes, Span } from '@opentelemetry/api'
import { ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_TYPE } from '@opentelemetry/semantic-conventions'
import { DEAD_LETTER_REASON, RetailAttribute, RetailEvent } from './conventions.ts'
import { warnOnce } from './warn.ts'

function activeSpan(caller: string): Span | undefined {
  const span = trace.getActiveSpan()
  if (span === undefined) warnOnce(`${caller}.no-span`, `${caller}() was called outside any span; nothing was recorded`)
  return span
}

/** Records on the active span that this is retry number `attempt`, and the error that caused it. */
export function recordRetry(attempt: number, error?: unknown): void {
  const span = activeSpan('recordRetry')
  if (span === undefined) return
  span.setAttribute(RetailAttribute.retryAttempt, attempt)
  const attributes: Attributes = { [RetailAttribute.retryAttempt]: attempt }
  if (error !== undefined && error !== null) {
    attributes[ATTR_EXCEPTION_TYPE] = error instanceof Error ? error.name : typeof error
    attributes[ATTR_EXCEPTION_MESSAGE] = error instanceof Error ? error.message : typeof error === 'string' ? error : inspect(error)
  }
  // A retry is not yet a failure, so the status stays as it is; the event keeps each attempt.
  span.addEvent(RetailEvent.retry, attributes)
}

/** Marks the active span's message as dead-lettered: `retail.dead_letter`, error status and the reason. */
export function deadLetter(reason: string): void {
  const span = activeSpan('deadLetter')
  if (span === undefined) return
  span.setAttribute(RetailAttribute.deadLetter, true)
  // Also as an attribute: a stock messaging instrumentation overwrites the status when the consumer nacks.
  span.setAttribute(DEAD_LETTER_REASON, reason)
  span.setStatus({ code: SpanStatusCode.ERROR, message: reason })
  span.addEvent(RetailEvent.deadLetter, { [DEAD_LETTER_REASON]: reason })
}
