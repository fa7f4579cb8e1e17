import { spawn } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { trace } from '@opentelemetry/api'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { init } from './init.ts'
import type { TracingHandle } from './init.ts'
import { stage } from './stage.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const sdkEntry = fileURLToPath(new URL('./index.ts', import.meta.url))

/** A TCP port on loopback where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  server.close()
  await once(server, 'close')
  return port
}

describe('init', () => {
  let handle: TracingHandle | undefined
  afterAll(() => handle?.shutdown(1_000))

  it('starts with a malformed endpoint by warning and falling back, never throwing', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', `http://127.0.0.1:${await closedPort()}`)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    handle = init({ serviceName: 'oms-api', system: 'oms', endpoint: 'ftp://nowhere' })
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('endpoint "ftp://nowhere" is not an http(s) URL'))
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(true)
  })

  it('warns on a second call and returns the first handle', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(init({ serviceName: 'other', system: 'erp' })).toBe(handle)
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('more than once'))
  })

  it('shuts down without rejecting when nothing listens at the collector', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    for (let i = 0; i < 50; i++) stage('order.placed')
    await expect(handle!.shutdown(2_000)).resolves.toBeUndefined()
  })
})

describe('a host whose collector accepts connections and never answers', () => {
  it('exits as soon as shutdown() gives up on the flush', async () => {
    const held: net.Socket[] = []
    const collector = net.createServer((socket) => held.push(socket)).listen(0, '127.0.0.1')
    await once(collector, 'listening')
    const { port } = collector.address() as AddressInfo
    const host = `
      import { init, stage } from ${JSON.stringify(sdkEntry)}
      const handle = init({ serviceName: 'hung-host', system: 'oms', endpoint: 'http://127.0.0.1:${port}' })
      stage('order.placed')
      await handle.shutdown(500)
      console.log(String(Date.now()))
    `
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', host], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
    const [code] = (await once(child, 'exit')) as [number | null]
    const exitedAt = Date.now()
    collector.close()
    held.forEach((socket) => socket.destroy())
    expect(code).toBe(0)
    // The exporter would hold the host for its 10 s request timeout; shutdown() lets go at 500 ms.
    expect(exitedAt - Number(stdout.trim())).toBeLessThan(1_500)
  })
})
