import { once } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DemoEstate, DemoEvent, DemoRunSummary, JourneyCounts } from './index.ts'
import { ESTATE_SYSTEMS, JOURNEY_TYPES, SERVICE_NAMES, parseDemoFlags, startDemoEstate } from './index.ts'

const API_KEY = 'demo-test-key'

interface Export {
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

/** A stand-in receiver: counts OTLP posts and keeps their headers and raw bodies. */
async function startReceiver(): Promise<{ server: Server; url: string; exports: Export[] }> {
  const exports: Export[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') exports.push({ headers: request.headers, body: Buffer.concat(chunks) })
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exports }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Whether an export names the service: OTLP keeps strings as UTF-8 bytes, so no decoding is needed. */
function mentions(exported: Export, serviceName: string): boolean {
  const raw = exported.headers['content-encoding'] === 'gzip' ? gunzipSync(exported.body) : exported.body
  return raw.includes(serviceName)
}

interface BoundedRun {
  readonly receiver: Awaited<ReturnType<typeof startReceiver>>
  readonly estate: DemoEstate
  readonly summary: DemoRunSummary
  readonly events: readonly DemoEvent[]
}

/** Starts an estate against a fresh receiver, waits for its bounded run, and stops it. */
async function runBounded(flags: string[], journeys: JourneyCounts): Promise<BoundedRun> {
  const receiver = await startReceiver()
  const events: DemoEvent[] = []
  const estate = await startDemoEstate({
    ...parseDemoFlags(['--demo-seed', '7', '--demo-rate', '25', '--demo-stores', '3', ...flags]),
    journeys,
    endpoint: receiver.url,
    apiKey: API_KEY,
    onEvent: (event) => events.push(event),
  })
  try {
    return { receiver, estate, summary: await estate.done, events }
  } finally {
    await estate.stop()
    receiver.server.close()
  }
}

describe('demo estate', () => {
  let run: BoundedRun

  beforeAll(async () => {
    run = await runBounded(['--demo-faults', 'none'], { orders: 6, sales: 6, returns: 2, promotions: 1, settlements: 1 })
  })

  it('runs every journey of a bounded run to its end', () => {
    const { summary } = run
    expect(summary.unfinished).toBe(0)
    expect(summary.launched).toEqual({ order: 6, sale: 6, return: 2, promotion: 1, settlement: 1 })
    for (const type of JOURNEY_TYPES) expect(summary.ended[type].complete, type).toBe(summary.launched[type])
  })

  it('exports spans from every system with the ingest key', () => {
    const { exports } = run.receiver
    expect(exports.length).toBeGreaterThan(0)
    for (const exported of exports) expect(exported.headers.authorization).toBe(`Bearer ${API_KEY}`)
    for (const system of ESTATE_SYSTEMS) {
      expect(
        exports.some((exported) => mentions(exported, SERVICE_NAMES[system])),
        system,
      ).toBe(true)
    }
  })

  it('leaves no system process behind once stopped', () => {
    for (const system of ESTATE_SYSTEMS) expect(isAlive(run.estate.pids[system]), system).toBe(false)
    const exits = run.events.filter((event) => event.type === 'system-exited')
    expect(exits).toHaveLength(ESTATE_SYSTEMS.length)
    expect(exits.every((event) => event.expected)).toBe(true)
  })
})

describe('demo estate with faults', () => {
  it('ends a bounded run whose journeys fail or stall', async () => {
    const { summary, estate } = await runBounded(['--demo-faults', 'retry-storm:1,unposted-settlement:1,store-offline:1'], {
      orders: 3,
      sales: 6,
      returns: 1,
      promotions: 1,
      settlements: 1,
    })
    expect(summary.unfinished).toBe(0)
    // Every ERP consumer delivery fails, so orders and posted sales are dead-lettered.
    expect(summary.ended.order).toEqual({ complete: 0, stalled: 0, failed: 3 })
    expect(summary.ended.sale.complete).toBe(0)
    expect(summary.ended.sale.stalled + summary.ended.sale.failed).toBe(6)
    expect(summary.ended.sale.stalled).toBeGreaterThan(0)
    // No order completed, so no return could be sent.
    expect(summary.launched.return).toBe(0)
    // Promotions reach the ERP over HTTP, not through a consumer.
    expect(summary.ended.promotion.complete).toBe(1)
    expect(summary.ended.settlement.stalled).toBe(1)
    for (const system of ESTATE_SYSTEMS) expect(isAlive(estate.pids[system]), system).toBe(false)
  })

  it("parks every ERP message in the dead-letter queue and completes the journeys the operator's job replays", async () => {
    const { summary, receiver } = await runBounded(['--demo-faults', 'dlq-replay:1'], {
      orders: 5,
      sales: 5,
      returns: 0,
      promotions: 0,
      settlements: 0,
    })
    expect(summary.unfinished).toBe(0)
    // A parked message is replayed (and the journey goes on) or left in the queue (and the journey fails); none stalls.
    expect(summary.ended.order.stalled + summary.ended.sale.stalled).toBe(0)
    expect(summary.ended.order.complete + summary.ended.order.failed).toBe(5)
    expect(summary.ended.order.complete + summary.ended.sale.complete).toBeGreaterThan(0)
    expect(receiver.exports.some((exported) => mentions(exported, 'retail.dead_letter'))).toBe(true)
    expect(receiver.exports.some((exported) => mentions(exported, 'retail.replay.of'))).toBe(true)
  })
})
