import { context, isSpanContextValid, SpanKind, trace } from '@opentelemetry/api'
import type { Attributes, Link, Span } from '@opentelemetry/api'
import { contextWithKeys } from './business-keys.ts'
import { keysInContext } from './key-entries.ts'
import { extractMessageContext, inject } from './message-headers.ts'
import type { MessageHeaders, TracedHeaders } from './message-headers.ts'
import { runInSpan, sdkTracer } from './span-scope.ts'

// OpenTelemetry messaging conventions; kept local as they are still incubating upstream.
const OPERATION_TYPE = 'messaging.operation.type'

/**
 * Runs `fn` in a CONSUMER span for a received message. The span links to the producer's context
 * (a queue hop is not a call, so it does not become the parent) and continues the current trace
 * or starts one; the message's business keys are in context for every span and call inside.
 */
export function consume<T>(
  headers: Readonly<MessageHeaders> | null | undefined,
  name: string,
  fn: (span: Span) => T,
  attributes?: Attributes,
): T {
  const producer = extractMessageContext(headers)
  const producerSpan = trace.getSpanContext(producer)
  const links: Link[] = producerSpan !== undefined && isSpanContextValid(producerSpan) ? [{ context: producerSpan }] : []
  const parent = contextWithKeys(context.active(), keysInContext(producer))
  const options = { kind: SpanKind.CONSUMER, links, attributes: { ...attributes, [OPERATION_TYPE]: 'process' } }
  return sdkTracer().startActiveSpan(name, options, parent, (span) => runInSpan(span, fn))
}

/** Records sending a message as a zero-work PRODUCER span and injects its context into `headers`. */
export function produce<H extends MessageHeaders>(name: string, headers: H): TracedHeaders<H>
/** Runs `fn` (which sends the message) in a PRODUCER span whose context is injected into `headers`. */
export function produce<H extends MessageHeaders, T>(name: string, headers: H, fn: (headers: TracedHeaders<H>, span: Span) => T): T
export function produce<H extends MessageHeaders, T>(
  name: string,
  headers: H,
  fn?: (headers: TracedHeaders<H>, span: Span) => T,
): TracedHeaders<H> | T {
  const options = { kind: SpanKind.PRODUCER, attributes: { [OPERATION_TYPE]: 'send' } }
  return sdkTracer().startActiveSpan(name, options, (span): TracedHeaders<H> | T => {
    const traced = inject(headers)
    if (fn === undefined) {
      span.end()
      return traced
    }
    return runInSpan(span, (active) => fn(traced, active))
  })
}
