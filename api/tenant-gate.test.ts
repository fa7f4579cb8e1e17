import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { currentQueryScope } from '../storage/index.ts'
import type { ApiVariables } from './auth.ts'
import { errorHandler } from './errors.ts'
import { tenantGate } from './tenant-gate.ts'
import { SILENT_LOG } from '../telemetry/index.ts'

/** An app whose one route holds each request until the test lets it go. */
function heldApp(share = { inFlight: 2, queued: 1, limits: { maxExecutionSeconds: 7, maxMemoryBytes: 1024 } }) {
  const held: { tenant: string; release: () => void }[] = []
  const app = new Hono<{ Variables: ApiVariables }>()
  app.onError(errorHandler(SILENT_LOG))
  app.use('*', async (c, next) => {
    c.set('tenant', c.req.header('x-tenant') ?? '')
    await next()
  })
  app.use('*', tenantGate(share))
  app.get('/work', async (c) => {
    const limits = currentQueryScope()?.limits
    await new Promise<void>((release) => held.push({ tenant: c.get('tenant'), release }))
    return c.json({ limits })
  })
  const get = (tenant: string, signal?: AbortSignal): Promise<Response> =>
    Promise.resolve(app.request('/work', { headers: { 'x-tenant': tenant }, ...(signal ? { signal } : {}) }))
  const settled = () => new Promise((resolve) => setImmediate(resolve))
  return { app, held, get, settled }
}

describe('errors after the client went away', () => {
  it('are answered 499 and not reported as the server’s', async () => {
    const reported: unknown[] = []
    const app = new Hono()
    app.onError(errorHandler({ error: (...args: unknown[]) => reported.push(args) }))
    const gone = new AbortController()
    app.get('/read', () => {
      gone.abort()
      throw new Error('the statement was abandoned before it ran: the client went away')
    })
    app.get('/broken', () => {
      throw new Error('a bug')
    })
    expect((await app.request('/read', { signal: gone.signal })).status).toBe(499)
    expect(reported).toEqual([])
    expect((await app.request('/broken')).status).toBe(500)
    expect(reported).toHaveLength(1)
  })
})

describe('tenant gate', () => {
  it("runs a tenant's requests two at a time, queues one, and answers 429 past that, while another tenant goes straight in", async () => {
    const { held, get, settled } = heldApp()
    const first = [get('acme'), get('acme'), get('acme')]
    await settled()
    expect(held.map((h) => h.tenant)).toEqual(['acme', 'acme'])
    const refused = await get('acme')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('1')
    const other = get('globex')
    await settled()
    expect(held.map((h) => h.tenant)).toEqual(['acme', 'acme', 'globex'])
    held[0]!.release()
    await settled()
    expect(held.map((h) => h.tenant)).toEqual(['acme', 'acme', 'globex', 'acme'])
    for (const h of held.slice(1)) h.release()
    const answers = await Promise.all([...first, other])
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect(await answers[0].json()).toEqual({ limits: { maxExecutionSeconds: 7, maxMemoryBytes: 1024 } })
  })

  it('lets a queued request whose client went away leave the queue', async () => {
    const { held, get, settled } = heldApp({ inFlight: 1, queued: 1, limits: { maxExecutionSeconds: 1, maxMemoryBytes: 1 } })
    const running = get('acme')
    const gone = new AbortController()
    const abandoned = get('acme', gone.signal)
    await settled()
    gone.abort()
    await abandoned.catch(() => undefined)
    const next = get('acme')
    await settled()
    expect(await Promise.race([next.then((r) => r.status), settled().then(() => 'waiting')])).toBe('waiting')
    held[0]!.release()
    await settled()
    held[1]!.release()
    expect((await running).status).toBe(200)
    expect((await next).status).toBe(200)
  })
})
