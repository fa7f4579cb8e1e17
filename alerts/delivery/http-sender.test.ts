import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { httpSender } from './http-sender.ts'

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))))
})

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const request = (url: string) => ({
  method: 'POST' as const,
  url,
  headers: { 'content-type': 'application/json' },
  body: '{"signed":true}',
})

describe('http sender', () => {
  it('does not follow a redirect, so a signed body goes nowhere else, and records why', async () => {
    let elsewhere = 0
    const other = await serve((_req, res) => {
      elsewhere++
      res.end('ok')
    })
    const hook = await serve((_req, res) => {
      res.writeHead(307, { location: `${other}/steal` })
      res.end()
    })
    const outcome = await httpSender(2000)(request(hook))
    expect(outcome).toMatchObject({ ok: false, error: { status: 307 } })
    expect(!outcome.ok && outcome.error.message).toMatch(/redirected to .*\/steal, which is not followed/)
    expect(elsewhere).toBe(0)
  })

  it('reads a few kilobytes of an answer and lets the rest go', async () => {
    let written = 0
    let closed = false
    let hungUp: () => void = () => undefined
    const hangUp = new Promise<void>((resolve) => {
      hungUp = resolve
    })
    const url = await serve((_req, res) => {
      res.writeHead(500)
      const chunk = Buffer.alloc(64 * 1024, 0x61)
      const write = (): void => {
        while (written < 512 * 1024 * 1024 && !closed) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', write)
        }
        res.end()
      }
      res.on('close', () => {
        closed = true
        hungUp()
      })
      write()
    })
    const outcome = await httpSender(5000)(request(url))
    expect(outcome).toMatchObject({ ok: false, error: { status: 500 } })
    expect(!outcome.ok && outcome.error.message.length).toBeLessThan(400)
    await hangUp
    expect(written).toBeLessThan(64 * 1024 * 1024)
  })
})
