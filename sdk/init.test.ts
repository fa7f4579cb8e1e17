import { spawn } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { buffer } from 'node:stream/consumers'
import { fileURLToPath } from 'node:url'
import { trace } from '@opentelemetry/api'
import { afterAll, describe, expect, it, onTestFinished, vi } from 'vitest'
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

// The longest a Node timer waits (about 24 days). The exporter and the batch processor get it as
// their timeouts, so nothing but shutdown() giving up can let the host go before the test ends: a
// host held by the pending export never exits, and the test fails on its own timeout.
const LONGEST_TIMER_MILLIS = 2 ** 31 - 1

describe('a host whose collector takes the spans and never answers', () => {
  it('exits on its own once shutdown() gives up, with the export still unanswered', async () => {
    const collector = http.createServer()
    const exportArrived = once(collector, 'request') as Promise<[http.IncomingMessage]>
    collector.listen(0, '127.0.0.1')
    await once(collector, 'listening')
    const { port } = collector.address() as AddressInfo
    const host = `
      import { init, stage } from ${JSON.stringify(sdkEntry)}
      const handle = init({ serviceName: 'hung-host', system: 'oms', endpoint: 'http://127.0.0.1:${port}' })
      stage('order.placed')
      await handle.shutdown(500)
      console.log('shutdown returned')
    `
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', host], {
      cwd: repoRoot,
      env: {
        ...process.env,
        OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: String(LONGEST_TIMER_MILLIS),
        OTEL_BSP_EXPORT_TIMEOUT: String(LONGEST_TIMER_MILLIS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    onTestFinished(() => {
      child.kill()
      collector.closeAllConnections()
      collector.close()
    })
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })

    // The collector never answers, so the host's only way out is shutdown() letting go of the flush.
    const [request] = await exportArrived
    const [spans, [code]] = await Promise.all([buffer(request), exited])
    expect(request.url).toBe('/v1/traces')
    expect(spans.length).toBeGreaterThan(0)
    expect(stderr).toContain('tracing did not flush within 500 ms; the remaining spans are dropped')
    expect(stdout).toBe('shutdown returned\n')
    expect(code).toBe(0)
  })
})
