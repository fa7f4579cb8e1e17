/** The dashboard's pages by path: a pure parser from the address bar's path to a route. */

/** A page of the dashboard and the parameters its path carries. */
export type Route =
  | { readonly page: 'overview' }
  | { readonly page: 'it' }
  | { readonly page: 'ops' }
  | { readonly page: 'finance' }
  | { readonly page: 'alerts' }
  | { readonly page: 'journeys' }
  | { readonly page: 'journey'; readonly type: string; readonly key: string }
  | { readonly page: 'trace'; readonly traceId: string }
  | { readonly page: 'notFound'; readonly path: string }

const STATIC_PAGES: Readonly<Record<string, Route>> = {
  '': { page: 'overview' },
  it: { page: 'it' },
  ops: { page: 'ops' },
  finance: { page: 'finance' },
  alerts: { page: 'alerts' },
  journeys: { page: 'journeys' },
}

/** The route for a path such as `/traces/4bf9…` (a trailing slash is ignored). */
export function parseRoute(pathname: string): Route {
  const segments = pathname.split('/').filter((s) => s !== '')
  const decoded = segments.map(safeDecode)
  if (decoded.some((s) => s === undefined)) return { page: 'notFound', path: pathname }
  const [first = '', second, third] = decoded as string[]
  if (decoded.length <= 1 && Object.hasOwn(STATIC_PAGES, first)) return STATIC_PAGES[first] ?? { page: 'notFound', path: pathname }
  if (first === 'traces' && decoded.length === 2 && second) return { page: 'trace', traceId: second }
  if (first === 'journeys' && decoded.length === 3 && second && third) return { page: 'journey', type: second, key: third }
  return { page: 'notFound', path: pathname }
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}
