import type { Attributes, Span } from '@opentelemetry/api'
import { RetailAttribute } from './conventions.ts'
import { runInSpan, sdkTracer } from './span-scope.ts'

/** Marks that a journey stage was reached here: a zero-duration span with `retail.journey.stage`. */
export function stage(name: string, attributes?: Attributes): void
/** Runs `fn` inside a span for the journey stage `name`, ending it when fn returns or settles. */
export function stage<T>(name: string, fn: (span: Span) => T, attributes?: Attributes): T
export function stage<T>(name: string, fnOrAttributes?: ((span: Span) => T) | Attributes, attributes?: Attributes): T | undefined {
  const fn = typeof fnOrAttributes === 'function' ? fnOrAttributes : undefined
  const given = fn === undefined ? ((fnOrAttributes as Attributes | undefined) ?? attributes) : attributes
  const spanAttributes: Attributes = { ...given, [RetailAttribute.stage]: name }
  if (fn === undefined) {
    const at = Date.now()
    sdkTracer().startSpan(name, { attributes: spanAttributes, startTime: at }).end(at)
    return undefined
  }
  return sdkTracer().startActiveSpan(name, { attributes: spanAttributes }, (span) => runInSpan(span, fn))
}
