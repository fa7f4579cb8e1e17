/**
 * How context crosses process boundaries, as `OTEL_PROPAGATORS` names it: W3C trace context and
 * baggage by default; `b3` (one header) or `b3multi` (X-B3-* headers) for estates whose older
 * Spring services speak Zipkin's format. Baggage is inject-only unless inbound baggage is trusted,
 * so a caller on the internet cannot put business keys on a storefront's spans.
 */
import type { TextMapPropagator } from '@opentelemetry/api'
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core'
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3'
import { InjectOnlyBaggagePropagator } from './inject-only-baggage.ts'
import { warnOnce } from './warn.ts'

/** The propagators `OTEL_PROPAGATORS` may name here. */
export const PROPAGATOR_NAMES = ['tracecontext', 'baggage', 'b3', 'b3multi'] as const
export type PropagatorName = (typeof PROPAGATOR_NAMES)[number]

const DEFAULT_PROPAGATORS: readonly PropagatorName[] = ['tracecontext', 'baggage']

/** The propagators an `OTEL_PROPAGATORS` value names, in order; `none` for none, unknown names warned about and left out. */
export function propagatorNames(value: string | undefined): readonly PropagatorName[] {
  if (value === undefined || value.trim() === '') return DEFAULT_PROPAGATORS
  const names = value.split(',').map((name) => name.trim().toLowerCase())
  if (names.includes('none')) return []
  return [...new Set(names)].filter((name): name is PropagatorName => {
    const known = (PROPAGATOR_NAMES as readonly string[]).includes(name)
    if (!known)
      warnOnce(
        `propagator ${name}`,
        `OTEL_PROPAGATORS names ${name}, which is not one of ${PROPAGATOR_NAMES.join(', ')}, none; leaving it out`,
      )
    return known
  })
}

/** One propagator made of the named ones. */
export function textMapPropagator(names: readonly PropagatorName[], trustInboundBaggage: boolean): TextMapPropagator {
  const make = (name: PropagatorName): TextMapPropagator => {
    switch (name) {
      case 'tracecontext':
        return new W3CTraceContextPropagator()
      case 'baggage':
        return trustInboundBaggage ? new W3CBaggagePropagator() : new InjectOnlyBaggagePropagator()
      case 'b3':
        return new B3Propagator()
      case 'b3multi':
        return new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER })
    }
  }
  return new CompositePropagator({ propagators: names.map(make) })
}
