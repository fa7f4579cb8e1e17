/**
 * The `key` of a business-key search: a convention name, a configured extra key, or an alias of
 * one, resolved to the key's own name. Built from the configured vocabulary, so the 400 for
 * another name lists the keys that are known.
 */
import { z } from 'zod'
import { requiredTextParam } from '../api/index.ts'
import { BUSINESS_KEYS } from '@throughline/sdk/conventions'
import type { KeyVocabulary } from './business-keys.ts'

/** Longest key name accepted; every business key is far shorter. */
const MAX_KEY_LENGTH = 256

/** The search key's schema for a vocabulary. */
export function searchKeyParam(vocabulary: KeyVocabulary) {
  const known = [...BUSINESS_KEYS, ...vocabulary.extraKeys]
  const knownSet = new Set<string>(known)
  return requiredTextParam(MAX_KEY_LENGTH, 'send the business key to search, e.g. key=retail.order.id')
    .transform((key, ctx) => {
      const resolved = knownSet.has(key) ? key : vocabulary.aliases[key]
      if (resolved !== undefined && knownSet.has(resolved)) return resolved
      ctx.issues.push({ code: 'custom', message: `'${key}' is not a business key; known keys: ${known.join(', ')}`, input: key })
      return z.NEVER
    })
    .describe(`A business key (${known.join(', ')}) or a configured alias of one.`)
}
