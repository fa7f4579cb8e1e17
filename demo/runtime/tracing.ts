/**
 * The plain OpenTelemetry calls a retail service makes beside Throughline's SDK: spans named after
 * its own operations (`erp.post_invoice`), and work that starts a trace of its own.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api'
import type { Attributes } from '@opentelemetry/api'

// Looked up per call: a tracer taken before init() ran would stay a no-op.
function tracer(): ReturnType<typeof trace.getTracer> {
  return trace.getTracer('throughline-demo-estate')
}

/** Runs `fn` in an internal span named after the system's operation; a rejection marks it failed. */
export function operation<T>(name: string, fn: () => Promise<T>, attributes?: Attributes): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
    try {
      return await fn()
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      span.recordException(error instanceof Error ? error : message)
      span.setStatus({ code: SpanStatusCode.ERROR, message })
      throw error
    } finally {
      span.end()
    }
  })
}

/**
 * Runs `fn` outside the current trace. Work that happens later in the real world (a parcel
 * arriving, a customer collecting, a bank statement) starts its own trace and is tied to the
 * journey by business keys alone, as it would be in a real estate.
 */
export function detached<T>(fn: () => T): T {
  return context.with(ROOT_CONTEXT, fn)
}
