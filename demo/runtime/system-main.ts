/**
 * Entry point of one system process of the demo estate: starts tracing with the SDK, serves the
 * system on a loopback port, and follows the parent's instructions over IPC.
 */
import type { AddressInfo } from 'node:net'
import { init } from '@throughline/sdk'
import { ESTATE_SYSTEMS } from '../catalogue.ts'
import type { FromSystem, SystemConfig, ToSystem } from '../protocol.ts'
import { SYSTEM_CONFIG_ENV, journeyOf } from '../protocol.ts'
import { SYSTEM_FACTORIES } from '../systems/registry.ts'
import { Inbox } from './queue.ts'
import { createRuntime } from './system-runtime.ts'
import { createSystemServer } from './system-server.ts'

/** How long a stopping system waits for its last spans to be exported. */
const FLUSH_TIMEOUT_MS = 5_000

function readConfig(): SystemConfig {
  const raw = process.env[SYSTEM_CONFIG_ENV]
  const config = raw === undefined ? undefined : (JSON.parse(raw) as SystemConfig)
  if (config === undefined || !(ESTATE_SYSTEMS as readonly string[]).includes(config.system)) {
    throw new Error(`${SYSTEM_CONFIG_ENV} must hold a demo system configuration`)
  }
  return config
}

function send(message: FromSystem): void {
  if (process.connected) process.send?.(message)
}

const config = readConfig()
const tracing = init({ serviceName: config.serviceName, system: config.system, endpoint: config.endpoint, apiKey: config.apiKey })
const { runtime, scheduler, setPeers } = createRuntime(config, send)
const behaviour = SYSTEM_FACTORIES[config.system](runtime)
// Only the ERP gateway's consumers suffer the retry storm and parked messages: the usual bottleneck of an estate.
const stormy = config.system === 'erp'
const inbox = new Inbox(behaviour.topics, {
  random: runtime.random,
  scheduler,
  report: (journey, outcome, reason) => runtime.report(journey, outcome, { reason }),
  failsDelivery: () => stormy && runtime.faults.failsDelivery(runtime.random),
  parksMessage: () => stormy && runtime.faults.parksMessage(runtime.random),
  replayAfterMs: () => {
    const afterMs = runtime.faults.replayAfterMs(runtime.random)
    return afterMs === undefined ? undefined : afterMs / config.rate
  },
})
const server = createSystemServer(behaviour, inbox)

let stopping: Promise<void> | undefined
function shutdown(): Promise<void> {
  stopping ??= (async () => {
    scheduler.stop()
    server.close()
    server.closeAllConnections()
    await tracing.shutdown(FLUSH_TIMEOUT_MS)
  })()
  return stopping
}

function exitAfterShutdown(): void {
  void shutdown().finally(() => process.exit(0))
}

process.on('message', (raw) => {
  const message = raw as ToSystem
  switch (message.kind) {
    case 'peers':
      setPeers(message.urls)
      break
    case 'drive': {
      const { drive } = behaviour
      if (drive !== undefined) void runtime.guard(journeyOf(message.command), () => drive(message.command))
      break
    }
    case 'stop':
      exitAfterShutdown()
      break
  }
})
// The parent is gone (or killed): a system never outlives the estate that started it.
process.on('disconnect', exitAfterShutdown)
process.once('SIGTERM', exitAfterShutdown)
process.on('unhandledRejection', (error) => send({ kind: 'problem', message: `unhandled rejection: ${String(error)}` }))

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  send({ kind: 'ready', url: `http://127.0.0.1:${port}` })
})
