/**
 * Every query's shape on a sharded cluster: the platform runs the demo estate on the cluster
 * schema with two shards (Distributed tables over local ones, both shards this one embedded
 * engine, so answers are not checked here, only that nothing fails: every table reads twice, and
 * of a batch split between the shards the second part lands in the table the first went to under
 * the same deduplication token and is refused as a repeat, which two real shards never see; the
 * trace asked for is one whose spans the search found stored).
 * A query a real cluster would refuse, such as a plain IN or JOIN over two Distributed tables,
 * fails here the same way: as an API error or a background worker's error in the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertsResponse, JourneyListResponse, JourneyTypesResponse, SearchResponse } from '../core/index.ts'
import { logRecords, startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { LOCALHOST_CLUSTER_CONFIG } from './fixtures/topology.ts'
import { eventually } from './fixtures/wait.ts'

let platform: PlatformProcess
let stoppedWith: number | null | undefined

beforeAll(async () => {
  // A light demo: every route's query is checked whatever the data, and a busier estate only slows the suite's other worker.
  platform = await startPlatformProcess(['--demo-rate', '3', '--demo-seed', '23'], {
    CLICKHOUSE_CLUSTER: 'two_shards',
    THROUGHLINE_CHDB_CONFIG: LOCALHOST_CLUSTER_CONFIG,
    THROUGHLINE_LOG_LEVEL: 'debug',
  })
})

afterAll(async () => {
  if (stoppedWith === undefined) await platform?.stop()
})

async function status(route: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${platform.url}${route}`, {
    ...init,
    headers: { authorization: `Bearer ${platform.apiToken}`, ...init.headers },
  })
  return { status: response.status, body: await response.json() }
}

async function api<T>(route: string): Promise<T> {
  const answer = await status(route)
  if (answer.status !== 200) throw new Error(`${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`)
  return answer.body as T
}

/** The records a failed query leaves: an API error, a background worker's error or warning (an alert rule that cannot be evaluated), anything fatal. */
function problemRecords(): unknown[] {
  return logRecords(platform.output()).filter((record) => record.level === 'warn' || record.level === 'error' || record.level === 'fatal')
}

describe('the platform on two shards', () => {
  // Two shards in one engine beside the suite's other files: summaries can take longer to appear than on a quiet machine.
  it(
    'answers every route the dashboard asks, with windows, filters and lookups, without a query the cluster refuses',
    { timeout: 180_000 },
    async () => {
      const { types } = await api<JourneyTypesResponse>('/api/journeys/types')
      const now = Date.now()
      const window = `from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now + 60_000).toISOString()}`
      // Journeys that have been summarised: the summariser's passes ran on the cluster.
      const orders = await eventually(
        async () => {
          // A summariser that fails says so in the log: fail with its words rather than wait.
          expect(problemRecords()).toEqual([])
          const list = await api<JourneyListResponse>(`/api/journeys?type=order&${window}`)
          return list.journeys.length > 0 ? list : undefined
        },
        'summarised orders',
        120_000,
      )
      // An order whose spans the search finds: on two shards in one engine an insert's dedup token can drop half a batch (see the file's note).
      const { order, search } = await eventually(
        async () => {
          for (const order of orders.journeys) {
            const search = await api<SearchResponse>(`/api/search?key=retail.order.id&value=${encodeURIComponent(order.key)}`)
            if (search.spans.length > 0) return { order, search }
          }
          return undefined
        },
        'an order the search finds',
        60_000,
      )
      const routes = [
        '/api/overview',
        `/api/traces/${search.spans[0]!.traceId}`,
        `/api/journeys/order/${encodeURIComponent(order.key)}`,
        ...types.flatMap(({ type }) => [
          `/api/journeys?type=${type}`,
          `/api/journeys?type=${type}&${window}&status=late`,
          `/api/journeys?type=${type}&${window}&sort=oldest&limit=5&offset=5`,
          `/api/journeys/stats/latency?type=${type}&${window}&by=store`,
          `/api/journeys/stats/trends?type=${type}&${window}&store=S01`,
        ]),
        `/api/journeys?${window}`,
        `/api/journeys/stats/status?${window}`,
        '/api/journeys/stats/status',
        `/api/journeys/stats/promotions?${window}`,
        `/api/journeys/stats/store-sales?${window}`,
        `/api/journeys/stats/settlements?${window}`,
        `/api/journeys/stats/refunds?${window}&channel=web`,
        `/api/journeys/stats/taxes?${window}&store=store-003`,
        `/api/journeys/stats/duplicates?${window}`,
        `/api/journeys/stats/stock-decrements?${window}`,
        '/api/journeys/stats/stock-decrements',
        '/api/logs?key=retail.order.id&value=WEB-1',
        `/api/search/keys?value=${encodeURIComponent(order.key)}`,
        ...['hops', 'latency', 'slow-traces', 'failed-traces', 'failed-messages', 'stock', 'filters'].flatMap((view) => [
          `/api/estate/${view}`,
          `/api/estate/${view}?${window}&service=order-management`,
        ]),
        '/api/alerts',
        '/api/alerts?state=resolved',
        '/api/ingest/rejections',
      ]
      const failures: string[] = []
      for (const route of routes) {
        const answer = await status(route)
        if (answer.status !== 200) failures.push(`${route}: ${answer.status} ${JSON.stringify(answer.body)}`)
      }
      expect(failures).toEqual([])
      // A replay reads and writes through the quarantine's path even with nothing in it.
      expect((await status('/api/ingest/rejections/replay', { method: 'POST' })).status).toBe(200)
    },
  )

  it('runs the summariser, the span-index backfill and every demo alert rule for rounds without an error, and stops cleanly', async () => {
    // Each alert round stamps the list: wait for a round after the one seen first.
    const rounds = new Set<string>()
    await eventually(async () => {
      const { evaluatedAt } = await api<AlertsResponse>('/api/alerts')
      if (evaluatedAt) rounds.add(evaluatedAt)
      return rounds.size >= 2 ? rounds : undefined
    }, 'another alert round')
    stoppedWith = await platform.stop()
    expect(problemRecords()).toEqual([])
    expect(stoppedWith).toBe(0)
  })
})
