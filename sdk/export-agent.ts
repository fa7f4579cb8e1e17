import { createRequire } from 'node:module'
import type * as Http from 'node:http'
import type * as Https from 'node:https'
import type { Duplex } from 'node:stream'

// Loaded on first export, after the HTTP instrumentation is in place, as the exporter asks.
const require = createRequire(import.meta.url)

function detach(socket: Duplex | null | undefined): void {
  ;(socket as { unref?: () => void } | null | undefined)?.unref?.()
}

/**
 * The exporter's HTTP agent, whose sockets never keep the host process alive: a collector that
 * hangs could otherwise hold a service that wants to exit for the whole export timeout. While
 * shutdown() flushes, its own timer keeps the process up, for at most its timeout.
 */
export function exportAgent(protocol: string): Http.Agent {
  const { Agent } = protocol === 'https:' ? (require('https') as typeof Https) : (require('http') as typeof Http)
  const agent = new Agent({ keepAlive: true })
  const connect = agent.createConnection.bind(agent)
  const reuse = agent.reuseSocket.bind(agent)
  agent.createConnection = (options, callback) => {
    const socket = connect(options, callback)
    detach(socket)
    return socket
  }
  // Node re-refs a pooled socket when a request takes it.
  agent.reuseSocket = (socket, request) => {
    reuse(socket, request)
    detach(socket)
  }
  return agent
}
