import { context, isSpanContextValid, SpanKind, trace } from '@opentelemetry/api'
import type { Attributes, Link, Span } from '@opentelemetry/api'
import { contextWithKeys } from './business-keys.ts'
import { keysInContext } from './key-entries.ts'
import { extractMessageContext, inject } from './message-headers.ts'
import type { MessageHeaders, TracedHeaders } from './message-headers.ts'
import { runInSpan, sdkTracer } from './span-scope.ts'
import { RetailAttribute } from './conventions.ts'

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

/**
 * Re-sends a dead-lettered message to `destination` (an operator's replay job): a PRODUCER span,
 * `send <destination>`, that links to the message's original send (whose context the message's
 * headers still carry) and names it in `retail.replay.of`, with the message's business keys in
 * context. The replay's context replaces the original's in `headers`, so whoever processes the
 * replay is a hop of the replay, and the dead letter, its replay and the replay's processing can
 * be told apart and joined.
 */
export function replay<H extends MessageHeaders, T>(
  headers: H,
  destination: string,
  fn: (headers: TracedHeaders<H>, span: Span) => T,
  attributes?: Attributes,
): T {
  const original = extractMessageContext(headers)
  const sent = trace.getSpanContext(original)
  const valid = sent !== undefined && isSpanContextValid(sent)
  const span = messagingSpan('send', destination, {
    ...attributes,
    ...(valid ? { [RetailAttribute.replayOf]: `${sent.traceId}-${sent.spanId}` } : {}),
  })
  const options = { kind: SpanKind.PRODUCER, links: valid ? [{ context: sent }] : [], attributes: span.attributes }
  const parent = contextWithKeys(context.active(), keysInContext(original))
  return sdkTracer().startActiveSpan(span.name, options, parent, (active) => runInSpan(active, (running) => fn(inject(headers), running)))
}
