import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api'
import { W3CBaggagePropagator } from '@opentelemetry/core'

/**
 * W3C baggage that this service sends but does not take: for a service at the edge of the
 * estate (a storefront facing the internet), where a caller could otherwise put any order id on
 * its spans with one header. Its own business keys still travel to the services it calls.
 */
export class InjectOnlyBaggagePropagator implements TextMapPropagator {
  readonly #w3c = new W3CBaggagePropagator()

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    this.#w3c.inject(context, carrier, setter)
  }

  extract(context: Context, _carrier: unknown, _getter: TextMapGetter): Context {
    return context
  }

  fields(): string[] {
    return this.#w3c.fields()
  }
}
