import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLog } from './log.ts'

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString()
  })
  return { stream, text: () => text }
}

describe('log', () => {
  it('writes JSON lines with an ISO time, a level name, the message and its fields', () => {
    const out = collect()
    const log = createLog({ level: 'info', format: 'json', destination: out.stream })
    log.info({ tenant: 'acme', spans: 3 }, 'spool: replaying 3 requests')
    log.error({ err: new Error('connect ECONNREFUSED') }, 'journey summaries')
    const [first, second] = out
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(first).toMatchObject({ level: 'info', tenant: 'acme', spans: 3, msg: 'spool: replaying 3 requests' })
    expect(new Date(String(first!.time)).toISOString()).toBe(first!.time)
    expect(second).toMatchObject({ level: 'error', msg: 'journey summaries', err: { type: 'Error', message: 'connect ECONNREFUSED' } })
  })

  it('drops what is below the level THROUGHLINE_LOG_LEVEL names', () => {
    const out = collect()
    const log = createLog({ level: 'warn', format: 'json', destination: out.stream })
    log.info('routine')
    log.warn('worth a look')
    expect(
      out
        .text()
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { msg: string }).msg),
    ).toEqual(['worth a look'])
  })

  it('prints pretty lines for a person at a terminal', () => {
    const out = collect()
    createLog({ level: 'info', format: 'pretty', destination: out.stream }).warn({ status: 503 }, 'spool full')
    expect(out.text()).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: spool full\n\s+status: 503\n$/)
  })
})
