/**
 * Read-after-acknowledge for the query API: a 200 from the receiver means the spans are durable
 * in the spool, and the drain stores them a moment later. An API read first waits, up to a bound,
 * until storage holds everything acknowledged before the read arrived, so a client that sent
 * spans and then asks for them sees them. Under sustained load that wait is about one batch
 * insert; when storage is down the bound lets the read answer with what is there.
 */
import type { Spool } from '../collector/index.ts'

/** Something that answers HTTP requests, as the Hono apps do. */
export interface FetchHandler {
  fetch(request: Request, ...rest: never[]): Response | Promise<Response>
}

function isApiRead(request: Request): boolean {
  if (request.method !== 'GET') return false
  const { pathname } = new URL(request.url)
  return pathname.startsWith('/api/') && pathname !== '/api/openapi.json'
}

/** The app with its API reads held until the spool has stored what was acknowledged before them. */
export function readAfterAck(app: FetchHandler, spool: Pick<Spool, 'drained'>, maxWaitMs: number): { fetch(request: Request, ...rest: never[]): Promise<Response> } {
  return {
    async fetch(request, ...rest) {
      if (isApiRead(request)) await spool.drained(maxWaitMs)
      return app.fetch(request, ...rest)
    },
  }
}
