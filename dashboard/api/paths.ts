/** The query API's paths, with every value escaped. */

/** `GET /api/overview`: recent activity. */
export function overviewPath(): string {
  return '/api/overview'
}

/** `GET /api/traces/{traceId}`: every span of a trace. */
export function tracePath(traceId: string): string {
  return `/api/traces/${encodeURIComponent(traceId)}`
}

/** `GET /api/search?key=&value=`: the spans and traces that carry a business key. */
export function searchPath(key: string, value: string): string {
  return `/api/search?${new URLSearchParams({ key, value }).toString()}`
}

/** `GET /api/search/keys?value=`: the business keys a value was seen under. */
export function valueKeysPath(value: string): string {
  return `/api/search/keys?${new URLSearchParams({ value }).toString()}`
}

/** `GET /api/logs?traceId=`: the log records of a trace. */
export function traceLogsPath(traceId: string): string {
  return `/api/logs?${new URLSearchParams({ traceId }).toString()}`
}

/** `GET /api/logs?key=&value=`: the newest log records that carry a business key. */
export function keyLogsPath(key: string, value: string): string {
  return `/api/logs?${new URLSearchParams({ key, value }).toString()}`
}
