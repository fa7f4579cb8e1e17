import { createContextKey, propagation } from '@opentelemetry/api'
import type { Baggage, Context } from '@opentelemetry/api'
import type { BusinessKeyName, ContextKeyName } from './conventions.ts'
import { keyConfig, resolveKeyName } from './key-config.ts'
import type { KeyConfig } from './key-config.ts'
import { warnOnce } from './warn.ts'

/** A key's value as a caller gives it; null, undefined and '' mean "not known here" and are skipped. */
export type BusinessKeyValue = string | number | boolean | null | undefined

/** Business and context keys by convention name or configured alias: `{ 'retail.order.id': 'A1' }`. */
export type BusinessKeys = { readonly [K in BusinessKeyName | ContextKeyName]?: BusinessKeyValue } & {
  readonly [name: string]: BusinessKeyValue
}

/** One resolved key: its convention name and its value as text (as it would arrive from baggage). */
export type KeyEntry = readonly [name: string, value: string]

/** Context slot with the resolved keys, so starting a span reads an array instead of parsing baggage. */
export const KEYS_SLOT = createContextKey('throughline.business_keys')

const NO_KEYS: readonly KeyEntry[] = Object.freeze([])

/** Resolves aliases and turns values into text; skips empty values and warns once about objects. */
export function entriesFrom(keys: BusinessKeys, config: KeyConfig): KeyEntry[] {
  const entries: KeyEntry[] = []
  for (const name of Object.keys(keys)) {
    const value = keys[name]
    if (value === null || value === undefined || value === '') continue
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      entries.push([resolveKeyName(config, name), String(value)])
    } else {
      warnOnce(`key-value.${name}`, `business key ${name} must be a string, number or boolean; ignoring it`)
    }
  }
  return entries
}

/** Outer keys overlaid by inner ones (inner wins), each name once. */
export function mergeEntries(outer: readonly KeyEntry[], inner: readonly KeyEntry[]): readonly KeyEntry[] {
  const merged = new Map<string, string>(outer)
  for (const [name, value] of inner) merged.set(name, value)
  return Object.freeze(Array.from(merged))
}

interface BaggageKeys {
  readonly config: KeyConfig
  readonly entries: readonly KeyEntry[]
}

// Baggage is immutable, so what it resolves to can be kept for as long as the baggage lives.
const resolvedBaggage = new WeakMap<Baggage, BaggageKeys>()

/** The allow-listed keys in baggage (for example extracted from an upstream request), aliases resolved. */
function keysFromBaggage(baggage: Baggage): readonly KeyEntry[] {
  const config = keyConfig()
  const cached = resolvedBaggage.get(baggage)
  if (cached?.config === config) return cached.entries
  const found = new Map<string, string>()
  for (const [name, entry] of baggage.getAllEntries()) {
    const key = resolveKeyName(config, name)
    if (config.propagated.has(key) && entry.value !== '') found.set(key, entry.value)
  }
  const entries = found.size === 0 ? NO_KEYS : Object.freeze(Array.from(found))
  resolvedBaggage.set(baggage, { config, entries })
  return entries
}

/** The keys in force in a context: the resolved ones if set here, else those that came in baggage. */
export function keysInContext(ctx: Context): readonly KeyEntry[] {
  const own = ctx.getValue(KEYS_SLOT) as readonly KeyEntry[] | undefined
  if (own !== undefined) return own
  const baggage = propagation.getBaggage(ctx)
  return baggage === undefined ? NO_KEYS : keysFromBaggage(baggage)
}
