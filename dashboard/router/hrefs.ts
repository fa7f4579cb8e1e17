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

/** A bare value looked up under every business key (`/journeys?value=`). */
export function valueSearchHref(value: string): string {
  return `/journeys?${new URLSearchParams({ value }).toString()}`
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

/** The journey list filtered by type and status, carrying the shared filters (`/journeys?type=order&status=late&range=6h`). */
export function journeyListHref(filters: { readonly type?: string; readonly status?: string }, shared = ''): string {
  const query = new URLSearchParams(shared.startsWith('?') ? shared.slice(1) : shared)
  if (filters.type) query.set('type', filters.type)
  if (filters.status) query.set('status', filters.status)
  const text = query.toString()
  return text === '' ? '/journeys' : `/journeys?${text}`
}
