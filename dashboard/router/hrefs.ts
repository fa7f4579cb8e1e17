/** Links between the dashboard's pages, built in one place so every page links the same way. */

const SPAN_HASH_PREFIX = '#span-'

/** The trace page, optionally with one span selected (`/traces/{traceId}#span-{spanId}`). */
export function traceHref(traceId: string, spanId?: string): string {
  const base = `/traces/${encodeURIComponent(traceId)}`
  return spanId ? `${base}${SPAN_HASH_PREFIX}${encodeURIComponent(spanId)}` : base
}

/** The business-key search on the journeys page (`/journeys?key=&value=`). */
export function searchHref(key: string, value: string): string {
  return `/journeys?${new URLSearchParams({ key, value }).toString()}`
}

/** One journey by type and root key (`/journeys/{type}/{key}`). */
export function journeyHref(type: string, key: string): string {
  return `/journeys/${encodeURIComponent(type)}/${encodeURIComponent(key)}`
}

/** The span a trace page's hash selects (`#span-{spanId}`), if any. */
export function spanIdFromHash(hash: string): string | undefined {
  if (!hash.startsWith(SPAN_HASH_PREFIX)) return undefined
  try {
    const id = decodeURIComponent(hash.slice(SPAN_HASH_PREFIX.length))
    return id === '' ? undefined : id
  } catch {
    return undefined
  }
}

/** The hash that selects a span on a trace page. */
export function spanHash(spanId: string): string {
  return `${SPAN_HASH_PREFIX}${encodeURIComponent(spanId)}`
}
