/**
 * Recognises business keys on a span: the retail conventions, extra keys from the config, and
 * aliases (a service that says `orderId` means `retail.order.id`). Pure; the span-to-row mapping
 * and the journey stitching both read keys through here.
 */
import type { Attributes } from '../core/index.ts'
import { BUSINESS_KEYS } from '@throughline/sdk/conventions'

/** Which attribute names are business keys, and which other names mean the same thing. */
export interface KeyVocabulary {
  /** Alias attribute name to convention name, e.g. `orderId` to `retail.order.id`. */
  readonly aliases: Readonly<Record<string, string>>
  /** Business keys beyond the conventions, e.g. `retail.loyalty.id`. */
  readonly extraKeys: readonly string[]
}

/** The vocabulary with no config: the retail conventions alone. */
export const DEFAULT_VOCABULARY: KeyVocabulary = Object.freeze({ aliases: Object.freeze({}), extraKeys: Object.freeze([]) })

/** A compiled vocabulary, so mapping a span costs a few lookups. */
export interface KeyRecogniser {
  /** The span's attributes with aliased names also present under their convention names. */
  normalise(attributes: Attributes): Attributes
  /** Business keys of a span or log record: its own attributes first, then its resource's. */
  businessKeys(span: { readonly resource: Attributes }, normalised: Attributes): Attributes
}

/** Compiles a vocabulary into a recogniser. */
export function keyRecogniser(vocabulary: KeyVocabulary): KeyRecogniser {
  const keys = new Set<string>([...BUSINESS_KEYS, ...vocabulary.extraKeys])
  const aliases = Object.entries(vocabulary.aliases)
  return {
    normalise(attributes) {
      if (aliases.length === 0) return attributes
      let result: Attributes | undefined
      for (const [alias, name] of aliases) {
        const value = attributes[alias]
        if (value === undefined || attributes[name] !== undefined) continue
        result ??= { ...attributes }
        result[name] = value
      }
      return result ?? attributes
    },
    businessKeys(span, normalised) {
      const found: Attributes = {}
      for (const key of keys) {
        const value = normalised[key] ?? span.resource[key]
        if (value !== undefined && value !== '') found[key] = value
      }
      return found
    },
  }
}
