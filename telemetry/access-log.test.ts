import { PassThrough } from 'node:stream'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { accessLog, accessLogger } from './access-log.ts'
import { createLog, type LogFormat, type LogLevel } from './log.ts'

function app(level: LogLevel = 'info', format: LogFormat = 'json') {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString()
  })
  const log = accessLogger(createLog({ level, format: 'json', destination: stream }), format)
  const web = new Hono<{ Variables: { tenant?: string } }>()
  web.onError((_error, c) => c.text('internal error', 500))
  web.use('*', accessLog(log))
  web.get('/orders/:id', (c) => {
    c.set('tenant', 'acme')
    return c.json({ id: c.req.param('id') })
  })
  web.get('/broken', () => {
    throw new Error('bug')
  })
  const records = () =>
    text
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
  return { web, records }
}

describe('access log', () => {
  it('records each request once answered: method, path, status, time taken and tenant', async () => {
    const { web, records } = app()
    await web.request('/orders/WEB-1')
    await web.request('/nowhere')
    await web.request('/broken')
    expect(records().map(({ level, method, path, status, tenant }) => ({ level, method, path, status, tenant }))).toEqual([
      { level: 'info', method: 'GET', path: '/orders/WEB-1', status: 200, tenant: 'acme' },
      { level: 'warn', method: 'GET', path: '/nowhere', status: 404, tenant: undefined },
      { level: 'error', method: 'GET', path: '/broken', status: 500, tenant: undefined },
    ])
    expect(records().every((r) => typeof r.ms === 'number' && r.msg === 'request' && r.log === 'access')).toBe(true)
  })

  it('shows only refused and failed requests at a terminal unless the level is debug', async () => {
    const quiet = app('info', 'pretty')
    await quiet.web.request('/orders/WEB-1')
    await quiet.web.request('/nowhere')
    expect(quiet.records().map((r) => r.status)).toEqual([404])
    const verbose = app('debug', 'pretty')
    await verbose.web.request('/orders/WEB-1')
    expect(verbose.records().map((r) => r.status)).toEqual([200])
  })
})
