/** Serves a Hono app on a host and port and closes it cleanly. */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'

/** A listening server. */
export interface Listening {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/** Listens with the app; resolves once the port is bound, rejects if it cannot be. */
export function listen(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  hostname: string,
  port: number,
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }) as Server
    server.once('error', reject)
    server.once('listening', () => {
      const bound = (server.address() as AddressInfo).port
      const host = hostname.includes(':') ? `[${hostname}]` : hostname
      resolve({
        url: `http://${host}:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            // Keep-alive sockets would hold close() open; they carry no unanswered request here.
            server.closeIdleConnections()
          }),
      })
    })
  })
}
