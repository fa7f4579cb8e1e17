import { context, propagation } from '@opentelemetry/api'
import type { Context } from '@opentelemetry/api'
import { addKeysToBaggage } from './baggage-limits.ts'
import { keyConfig } from './key-config.ts'
import { entriesFrom, keysInContext, KEYS_SLOT, mergeEntries } from './key-entries.ts'
import type { BusinessKeys, KeyEntry } from './key-entries.ts'
import { warnOnce } from './warn.ts'

/**
 * A context that carries the given keys on top of those already in `ctx`: resolved in a slot for
 * this process's spans, and the allow-listed ones in baggage for the next service.
 */
export function contextWithKeys(ctx: Context, entries: readonly KeyEntry[]): Context {
  const merged = mergeEntries(keysInContext(ctx), entries)
  const baggage = addKeysToBaggage(propagation.getBaggage(ctx) ?? propagation.createBaggage(), merged, keyConfig().propagated)
  return propagation.setBaggage(ctx, baggage).setValue(KEYS_SLOT, merged)
}

/**
 * Runs `fn` with business keys in context: every span started inside carries them, and so does
 * every outgoing call, as baggage. Nested calls merge, the inner value winning. Returns fn's result.
 */
export function withBusinessKeys<T>(keys: BusinessKeys, fn: () => T): T {
  if (typeof keys !== 'object' || keys === null) {
    warnOnce('withBusinessKeys.keys', 'withBusinessKeys expects an object of keys; running without them')
    return fn()
  }
  const ctx = contextWithKeys(context.active(), entriesFrom(keys, keyConfig()))
  return context.with(ctx, fn)
}

/** The business keys in force here, by convention name. */
export function activeBusinessKeys(): Readonly<Record<string, string>> {
  return Object.fromEntries(keysInContext(context.active()))
}
