import { SpanStatusCode, trace } from '@opentelemetry/api'
import type { Span, Tracer } from '@opentelemetry/api'

/** The tracer the SDK's own spans (stages, messages) come from. */
export function sdkTracer(): Tracer {
  // Looked up on each use: a tracer taken before init() would stay a no-op forever.
  return trace.getTracer('throughline')
}

function markFailed(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  span.recordException(error instanceof Error ? error : message)
  span.setStatus({ code: SpanStatusCode.ERROR, message })
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}

/**
 * Runs `fn(span)` and ends the span when fn returns or throws, or, for a promise, when it settles;
 * a throw or rejection is recorded on the span and passed on unchanged.
 */
export function runInSpan<T>(span: Span, fn: (span: Span) => T): T {
  let result: T
  try {
    result = fn(span)
  } catch (error) {
    markFailed(span, error)
    span.end()
    throw error
  }
  if (!isThenable(result)) {
    span.end()
    return result
  }
  // One `then` on the caller's thenable, whose result they await: a lazy thenable (a query
  // builder) must not run twice.
  return result.then(
    (value) => {
      span.end()
      return value
    },
    (error: unknown) => {
      markFailed(span, error)
      span.end()
      throw error
    },
  ) as T
}
