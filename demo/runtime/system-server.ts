import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { readJson, sendJson } from './http.ts'
import type { Inbox } from './queue.ts'
import type { SystemBehaviour } from './system-runtime.ts'

const QUEUE_PREFIX = '/queue/'

async function handle(behaviour: SystemBehaviour, inbox: Inbox, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://estate.local').pathname
  if (request.method !== 'POST') return sendJson(response, 405, { error: 'the estate only takes POST' })
  const body = await readJson(request)
  if (path.startsWith(QUEUE_PREFIX)) {
    const accepted = inbox.accept(path.slice(QUEUE_PREFIX.length), body)
    // 202: a broker acknowledges a message before anyone has processed it.
    return sendJson(response, accepted ? 202 : 404, accepted ? { accepted: true } : { error: `no topic at ${path}` })
  }
  const route = behaviour.routes[path]
  if (route === undefined) return sendJson(response, 404, { error: `no route ${path}` })
  sendJson(response, 200, await route(body))
}

/** The system's HTTP server: its routes, and `/queue/<topic>` for messages from other systems. */
export function createSystemServer(behaviour: SystemBehaviour, inbox: Inbox): Server {
  return createServer((request, response) => {
    handle(behaviour, inbox, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) })
      else response.destroy()
    })
  })
}
