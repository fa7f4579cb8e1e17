import { context, defaultTextMapSetter, propagation, ROOT_CONTEXT } from '@opentelemetry/api'
import type { Context, TextMapGetter } from '@opentelemetry/api'
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core'
import { addKeysToBaggage } from './baggage-limits.ts'
import { keyConfig } from './key-config.ts'
import { keysInContext } from './key-entries.ts'

/** A message's headers: plain text values, or bytes as Kafka clients hand them over. */
export type MessageHeaders = Record<string, unknown>

/** Headers after inject(): the W3C fields it may have written, beside the message's own. */
export type TracedHeaders<H extends MessageHeaders> = H & { traceparent?: string; tracestate?: string; baggage?: string }

// Messages use W3C propagation whatever the host registered globally: producer and consumer
// may be set up differently, and a message may outlive both.
const messagePropagator = new CompositePropagator({
  propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
})
const PROPAGATION_FIELDS = messagePropagator.fields()

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8')
  if (Array.isArray(value)) return asText(value[0])
  return undefined
}

const headerGetter: TextMapGetter<Readonly<MessageHeaders>> = {
  keys: (headers) => Object.keys(headers),
  get(headers, key) {
    if (key in headers) return asText(headers[key])
    // Some brokers keep header names as the producer wrote them.
    const found = Object.keys(headers).find((name) => name.toLowerCase() === key)
    return found === undefined ? undefined : asText(headers[found])
  },
}

/**
 * Writes the current trace context and the allow-listed business keys (as W3C baggage) into a
 * message's headers, replacing any that were there, and returns the same object.
 */
export function inject<H extends MessageHeaders>(headers: H): TracedHeaders<H> {
  // A re-published message must not keep the context of its previous hop.
  for (const field of PROPAGATION_FIELDS) Reflect.deleteProperty(headers, field)
  const ctx = context.active()
  // Only the keys travel: whatever else sits in the host's baggage stays in this process.
  const baggage = addKeysToBaggage(propagation.createBaggage(), keysInContext(ctx), keyConfig().propagated)
  messagePropagator.inject(propagation.setBaggage(ctx, baggage), headers, defaultTextMapSetter)
  return headers
}

/** The producer's context as a message's headers carry it: its span context and baggage. */
export function extractMessageContext(headers: Readonly<MessageHeaders> | null | undefined): Context {
  return messagePropagator.extract(ROOT_CONTEXT, headers ?? {}, headerGetter)
}
