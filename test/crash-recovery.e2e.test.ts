/**
 * A 200 survives a crash: the platform takes OTLP requests from concurrent senders and is killed
 * with SIGKILL while its spool holds requests not yet stored, twice, the second time while the
 * first replay may still run; restarted on the same data directory, it says it replays, and every
 * span it acknowledged is found through the query API exactly once. Retried requests, before and
 * across the crashes, are stored once too.
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import type { SearchResponse } from '../core/index.ts'
import { openWarehouse, sql } from '../storage/index.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { testStorage } from './fixtures/topology.ts'

const REQUESTS = 400
const SPANS_PER_REQUEST = 100
const SENDERS = 8
/** The first crash comes once this many requests were acknowledged, with others in flight and in the spool. */
const KILL_AFTER_ACKS = 80

const run = randomBytes(4).toString('hex')
const orderId = (request: number): string => `CRASH-${run}-${request}`
const spanIdOf = (request: number, span: number): string => (request * SPANS_PER_REQUEST + span + 1).toString(16).padStart(16, '0')
const traceIdOf = (request: number): string => `${run}${(request + 1).toString(16).padStart(24, '0')}`
/** One start time for the run, so a request built twice is the same request byte for byte. */
const START_NANOS = BigInt(Date.now() - 60_000) * 1_000_000n

/** An OTLP/JSON request: one trace of an order, every span carrying the order id. */
function otlpBody(request: number): string {
  const key = orderId(request)
  const start = START_NANOS
  const spans = Array.from({ length: SPANS_PER_REQUEST }, (_, span) => ({
    traceId: traceIdOf(request),
    spanId: spanIdOf(request, span),
    ...(span > 0 ? { parentSpanId: spanIdOf(request, 0) } : {}),
    name: span === 0 ? 'POST /orders' : `erp.post_invoice.${span}`,
    kind: span === 0 ? 2 : 3,
    startTimeUnixNano: String(start + BigInt(span) * 1_000_000n),
    endTimeUnixNano: String(start + BigInt(span + 5) * 1_000_000n),
    attributes: [{ key: 'retail.order.id', value: { stringValue: key } }],
  }))
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'order-api' } }] }, scopeSpans: [{ spans }] }],
  })
}

async function send(platform: PlatformProcess, body: string): Promise<number | 'failed'> {
  try {
    const response = await fetch(`${platform.otlpUrl}/v1/traces`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.ingestKey}` },
    })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 'failed'
  }
}

async function search(platform: PlatformProcess, key: string): Promise<SearchResponse> {
  const response = await fetch(`${platform.url}/api/search?key=retail.order.id&value=${encodeURIComponent(key)}`, {
    headers: { authorization: `Bearer ${platform.apiToken}` },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as SearchResponse
}

/** Span ids found for an order: from its trace's count and from the spans listed. */
async function storedSpans(platform: PlatformProcess, key: string): Promise<{ count: number; ids: string[] }> {
  const found = await search(platform, key)
  return { count: found.traces.reduce((sum, trace) => sum + trace.spanCount, 0), ids: found.spans.map((span) => span.spanId).sort() }
}

const expectedIds = (request: number): string[] => Array.from({ length: SPANS_PER_REQUEST }, (_, span) => spanIdOf(request, span)).sort()

let latest: PlatformProcess | undefined

afterAll(async () => {
  if (latest && latest.child.exitCode === null) await latest.stop()
  if (latest) rmSync(latest.dataDir, { recursive: true, force: true })
})

const spoolBytes = async (platform: PlatformProcess): Promise<number> => {
  const text = await (await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${platform.apiToken}` } })).text()
  return Number(/^throughline_spool_bytes (\d+)/m.exec(text)?.[1] ?? 0)
}

/**
 * Sends requests `from` up to `to` from concurrent senders and kills the platform with SIGKILL
 * once `killAfter` were acknowledged and the spool holds requests not yet stored. Answers the
 * requests acknowledged before the kill.
 */
async function loadAndKill(platform: PlatformProcess, from: number, to: number, killAfter: number): Promise<Set<number>> {
  const exited = new Promise<void>((resolve) => platform.child.once('exit', () => resolve()))
  const acknowledged = new Set<number>()
  let next = from
  let killed = false
  const sender = async (): Promise<void> => {
    while (!killed && next < to) {
      const request = next++
      if ((await send(platform, otlpBody(request))) === 200) acknowledged.add(request)
    }
  }
  const killer = async (): Promise<void> => {
    while (!killed && next < to) {
      if (acknowledged.size >= killAfter && (await spoolBytes(platform).catch(() => 0)) > 0) {
        killed = true
        platform.child.kill('SIGKILL')
      } else await new Promise((resolve) => setImmediate(resolve))
    }
  }
  await Promise.all([...Array.from({ length: SENDERS }, sender), killer()])
  expect(killed, 'the platform was killed with requests in its spool').toBe(true)
  await exited
  return acknowledged
}

describe('crash recovery', () => {
  it('keeps every acknowledged span through SIGKILLs at several points, exactly once, and stores retries once', async () => {
    const first = await startPlatformProcess(['--no-demo'])
    latest = first
    // Before the load: one request sent twice in a row, as an exporter retries after a timeout.
    expect(await send(first, otlpBody(REQUESTS))).toBe(200)
    expect(await send(first, otlpBody(REQUESTS))).toBe(200)
    const acknowledged = new Set<number>([REQUESTS])

    // First kill: under load, with requests in the spool.
    for (const request of await loadAndKill(first, 0, REQUESTS / 2, KILL_AFTER_ACKS)) acknowledged.add(request)
    const second = await startPlatformProcess(['--no-demo'], {}, first.dataDir)
    latest = second
    expect(second.ingestKey).toBe(first.ingestKey)
    expect(second.output()).toMatch(/spool: replaying [1-9]\d* requests/)

    // Second kill: while the replay of the first may still run, under load again.
    for (const request of await loadAndKill(second, REQUESTS / 2, REQUESTS, KILL_AFTER_ACKS / 2)) acknowledged.add(request)
    const restarted = await startPlatformProcess(['--no-demo'], {}, first.dataDir)
    latest = restarted
    expect(restarted.output()).toMatch(/spool: replaying [1-9]\d* requests/)

    // The replay runs in the background: poll each acknowledged order until it is complete.
    const deadline = Date.now() + 90_000
    const missing = new Set(acknowledged)
    while (missing.size > 0 && Date.now() < deadline) {
      for (const request of [...missing]) {
        if ((await storedSpans(restarted, orderId(request))).count === SPANS_PER_REQUEST) missing.delete(request)
      }
    }
    expect([...missing]).toEqual([])
    for (const request of acknowledged) {
      expect(await storedSpans(restarted, orderId(request))).toEqual({ count: SPANS_PER_REQUEST, ids: expectedIds(request) })
    }
    // Requests the crashes cut off may have reached the spool or not, but never in part or twice.
    for (let request = 0; request < REQUESTS; request++) {
      if (acknowledged.has(request)) continue
      expect([0, SPANS_PER_REQUEST]).toContain((await storedSpans(restarted, orderId(request))).count)
    }

    // After the restart: an exporter retrying a request a crashed process had acknowledged.
    const retried = [...acknowledged].find((request) => request !== REQUESTS)!
    expect(await send(restarted, otlpBody(retried))).toBe(200)
    expect(await storedSpans(restarted, orderId(retried))).toEqual({ count: SPANS_PER_REQUEST, ids: expectedIds(retried) })
    const metrics = await (await fetch(`${restarted.url}/metrics`, { headers: { authorization: `Bearer ${restarted.apiToken}` } })).text()
    expect(metrics).toMatch(/throughline_spool_bytes 0/)
    expect(await restarted.stop()).toBe(0)

    // Below the API's LIMIT 1 BY: the replays' dedup tokens kept ClickHouse itself to one row per
    // span. Only the request retried across the restart is a second insert (folded by the
    // ReplacingMergeTree, as FINAL shows).
    const warehouse = openWarehouse(testStorage(first.dataDir))
    try {
      const [rows] = await warehouse.rows<{ rows: string; spans: string; final: string }>(sql`
        SELECT count() AS rows, uniqExact(TraceId, SpanId) AS spans,
          (SELECT count() FROM throughline.spans FINAL WHERE startsWith(BusinessKeys['retail.order.id'], ${`CRASH-${run}-`})) AS final
        FROM throughline.spans
        WHERE startsWith(BusinessKeys['retail.order.id'], ${`CRASH-${run}-`}) AND BusinessKeys['retail.order.id'] != ${orderId(retried)}`)
      expect(Number(rows!.rows)).toBe(Number(rows!.spans))
      expect(Number(rows!.final)).toBe(Number(rows!.spans) + SPANS_PER_REQUEST)
    } finally {
      await warehouse.close()
    }
  }, 240_000)
})
