/**
 * What the one search box understands: a trace id opens the trace, `key=value` searches a
 * business key (any configured one, the `keys.extra` ones included), and anything else is a bare
 * value looked for under every key. Pure, so the box, the tests and the recent list agree.
 */
import { searchHref, traceHref, valueSearchHref } from '../router/hrefs.ts'

/** A search typed into the box, understood. */
export type SearchIntent =
  | { readonly kind: 'trace'; readonly traceId: string }
  | { readonly kind: 'key'; readonly key: string; readonly value: string }
  | { readonly kind: 'value'; readonly value: string }

const TRACE_ID = /^[0-9a-f]{32}$/i
/** `retail.order.id=WEB-1`; the key is an attribute name, the value whatever follows the first `=`. */
const KEY_VALUE = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.+)$/

/** What the text asks for; undefined for blank text. */
export function parseSearch(text: string): SearchIntent | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  if (TRACE_ID.test(trimmed)) return { kind: 'trace', traceId: trimmed.toLowerCase() }
  const keyed = KEY_VALUE.exec(trimmed)
  if (keyed) return { kind: 'key', key: keyed[1]!, value: keyed[2]!.trim() }
  return { kind: 'value', value: trimmed }
}

/** Where a search goes. */
export function searchIntentHref(intent: SearchIntent): string {
  switch (intent.kind) {
    case 'trace':
      return traceHref(intent.traceId)
    case 'key':
      return searchHref(intent.key, intent.value)
    case 'value':
      return valueSearchHref(intent.value)
  }
}

/** How many searches the box remembers. */
export const RECENT_LIMIT = 8

/** The recent searches with `text` first, without repeats, at most RECENT_LIMIT. */
export function rememberSearch(recent: readonly string[], text: string): string[] {
  const trimmed = text.trim()
  return [trimmed, ...recent.filter((entry) => entry !== trimmed)].slice(0, RECENT_LIMIT)
}
