import { context, isSpanContextValid, SpanKind, trace } from '@opentelemetry/api'
import type { Attributes, Link, Span } from '@opentelemetry/api'
import { contextWithKeys } from './business-keys.ts'
import { keysInContext } from './key-entries.ts'
import { extractMessageContext, inject } from './message-headers.ts'
import type { MessageHeaders, TracedHeaders } from './message-headers.ts'
import { runInSpan, sdkTracer } from './span-scope.ts'

// OpenTelemetry messaging conventions; kept local as they are still incubating upstream.
const DESTINATION = 'messaging.destination.name'
const OPERATION_TYPE = 'messaging.operation.type'
const OPERATION_NAME = 'messaging.operation.name'

/** A messaging span's name and attributes as the conventions give them: `process erp.orders`. */
function messagingSpan(operation: 'send' | 'process', destination: string, attributes: Attributes | undefined) {
  return {
    name: `${operation} ${destination}`,
    attributes: { ...attributes, [DESTINATION]: destination, [OPERATION_TYPE]: operation, [OPERATION_NAME]: operation },
  }
}

/**
 * Runs `fn` in a CONSUMER span, `process <destination>`, for a message received from the queue or
 * topic `destination`. The span links to the producer's context (a queue hop is not a call, so it
 * does not become the parent) and continues the current trace or starts one; the message's
 * business keys are in context for every span and call inside. `attributes` adds to the span
 * (`messaging.system`, say, which only the caller knows).
 */
export function consume<T>(
  headers: Readonly<MessageHeaders> | null | undefined,
  destination: string,
  fn: (span: Span) => T,
  attributes?: Attributes,
): T {
  const producer = extractMessageContext(headers)
  const producerSpan = trace.getSpanContext(producer)
  const links: Link[] = producerSpan !== undefined && isSpanContextValid(producerSpan) ? [{ context: producerSpan }] : []
  const parent = contextWithKeys(context.active(), keysInContext(producer))
  const span = messagingSpan('process', destination, attributes)
  const options = { kind: SpanKind.CONSUMER, links, attributes: span.attributes }
  return sdkTracer().startActiveSpan(span.name, options, parent, (active) => runInSpan(active, fn))
}

/** Records sending a message to `destination` as a zero-work PRODUCER span, `send <destination>`, and injects its context into `headers`. */
export function produce<H extends MessageHeaders>(destination: string, headers: H): TracedHeaders<H>
/** Runs `fn` (which sends the message to `destination`) in a PRODUCER span, `send <destination>`, whose context is injected into `headers`. */
export function produce<H extends MessageHeaders, T>(
  destination: string,
  headers: H,
  fn: (headers: TracedHeaders<H>, span: Span) => T,
  attributes?: Attributes,
): T
export function produce<H extends MessageHeaders, T>(
  destination: string,
  headers: H,
  fn?: (headers: TracedHeaders<H>, span: Span) => T,
  attributes?: Attributes,
): TracedHeaders<H> | T {
  const span = messagingSpan('send', destination, attributes)
  return sdkTracer().startActiveSpan(
    span.name,
    { kind: SpanKind.PRODUCER, attributes: span.attributes },
    (active): TracedHeaders<H> | T => {
      const traced = inject(headers)
      if (fn === undefined) {
        active.end()
        return traced
      }
      return runInSpan(active, (running) => fn(traced, running))
    },
  )
}
