import { environmentManager, focusManager, onlineManager, QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pollQueryOptions } from './pollQuery.ts'
import { pollStateOf } from './pollState.ts'

const T0 = Date.parse('2025-11-30T09:00:00Z')
const INTERVAL_MS = 5000

let client: QueryClient
/** Every path the polls asked for, in order. */
let requests: string[]
/** How the stubbed API answers a path; a pending promise holds the answer back. */
let respond: (path: string) => Promise<Response>

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
  // Node has no window, which TanStack Query takes for a server that never polls; the dashboard runs in a browser.
  environmentManager.setIsServer(() => false)
  focusManager.setFocused(true)
  requests = []
  respond = (path) => Promise.resolve(Response.json({ path }))
  vi.stubGlobal('fetch', (path: string) => {
    requests.push(path)
    return respond(path)
  })
  client = new QueryClient()
  client.mount()
})

afterEach(() => {
  client.unmount()
  client.clear()
  focusManager.setFocused(undefined)
  onlineManager.setOnline(true)
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

function optionsFor(key: QueryKey | undefined, path: string, keepPrevious = true) {
  return pollQueryOptions<{ path: string }>({ key, pathAt: () => path, intervalMs: INTERVAL_MS, keepPrevious })
}

/** A section on screen polling `path`: what it shows, until `leave()`. */
function section(key: QueryKey | undefined, path: string, keepPrevious = true) {
  const observer = new QueryObserver(client, optionsFor(key, path, keepPrevious))
  const leave = observer.subscribe(() => undefined)
  return { observer, leave, shown: () => pollStateOf(observer.getCurrentResult()) }
}

function held(): { readonly answer: Promise<Response>; readonly release: () => void } {
  let release = (): void => undefined
  const answer = new Promise<Response>((resolve) => {
    release = () => resolve(Response.json({ path: 'released' }))
  })
  return { answer, release }
}

describe('a polled query', () => {
  it('asks once per interval for every section asking the same question, whenever each appeared', async () => {
    section(['/api/alerts'], '/api/alerts')
    await vi.advanceTimersByTimeAsync(2500)
    // The second section's own first look is a request of its own; after that they poll together.
    section(['/api/alerts'], '/api/alerts')
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS + 100)
    expect(requests).toHaveLength(4)
  })

  it('builds the path at each request, so a rolling window moves with the clock', async () => {
    const observer = new QueryObserver(
      client,
      pollQueryOptions({ key: ['hops', '1h'], pathAt: (nowMs) => `/api/hops?to=${nowMs}`, intervalMs: INTERVAL_MS, keepPrevious: true }),
    )
    observer.subscribe(() => undefined)
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    expect(requests).toEqual([`/api/hops?to=${T0}`, `/api/hops?to=${T0 + INTERVAL_MS}`])
  })

  it('does not ask while the tab is hidden, and asks at once when it is visible again', async () => {
    section(['/api/overview'], '/api/overview')
    await vi.advanceTimersByTimeAsync(0)
    focusManager.setFocused(false)
    await vi.advanceTimersByTimeAsync(4 * INTERVAL_MS)
    expect(requests).toHaveLength(1)
    focusManager.setFocused(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(requests).toHaveLength(2)
  })

  it('keeps the last good answer and its time when a refresh fails, and says why', async () => {
    const alerts = section(['/api/alerts'], '/api/alerts')
    await vi.advanceTimersByTimeAsync(0)
    respond = () => Promise.resolve(Response.json({ error: { code: 'unavailable', message: 'The engine is busy.' } }, { status: 503 }))
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    expect(alerts.shown()).toMatchObject({
      data: { path: '/api/alerts' },
      failure: { status: 503, code: 'unavailable' },
      updatedAt: new Date(T0),
    })
    respond = (path) => Promise.resolve(Response.json({ path }))
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    expect(alerts.shown()).toMatchObject({ failure: undefined, updatedAt: new Date(T0 + 2 * INTERVAL_MS) })
  })

  it('says a refresh failed when the network is gone, instead of waiting for the browser to come back online', async () => {
    const overview = section(['/api/overview'], '/api/overview')
    await vi.advanceTimersByTimeAsync(0)
    onlineManager.setOnline(false)
    respond = () => Promise.reject(new TypeError('fetch failed'))
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    expect(overview.shown()).toMatchObject({ data: { path: '/api/overview' }, failure: { code: 'network' } })
  })

  it("keeps the previous filter's answer on screen, marked updating, until the new one arrives", async () => {
    const list = section(['/api/journeys?status=late', '1h'], '/api/journeys?status=late')
    await vi.advanceTimersByTimeAsync(0)
    const answer = held()
    respond = () => answer.answer
    list.observer.setOptions(optionsFor(['/api/journeys?status=failed', '1h'], '/api/journeys?status=failed'))
    await vi.advanceTimersByTimeAsync(0)
    expect(list.shown()).toEqual({
      data: { path: '/api/journeys?status=late' },
      failure: undefined,
      updatedAt: new Date(T0),
      updating: true,
    })
    answer.release()
    await vi.advanceTimersByTimeAsync(0)
    expect(list.shown()).toMatchObject({ data: { path: 'released' }, updating: false })
  })

  it('starts from nothing when asked a different question, such as another search', async () => {
    const search = section(['/api/search?value=A1'], '/api/search?value=A1', false)
    await vi.advanceTimersByTimeAsync(0)
    respond = () => held().answer
    search.observer.setOptions(optionsFor(['/api/search?value=B2'], '/api/search?value=B2', false))
    expect(search.shown()).toEqual({ data: undefined, failure: undefined, updatedAt: undefined, updating: false })
  })

  it('shows a page opened again from the cache while it asks again, for five minutes', async () => {
    const first = section(['/api/alerts'], '/api/alerts')
    await vi.advanceTimersByTimeAsync(0)
    first.leave()
    await vi.advanceTimersByTimeAsync(60_000)
    respond = () => held().answer
    const again = section(['/api/alerts'], '/api/alerts')
    expect(again.shown()).toMatchObject({ data: { path: '/api/alerts' }, updatedAt: new Date(T0) })
    expect(requests).toHaveLength(2)
    again.leave()
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(section(['/api/alerts'], '/api/alerts').shown().data).toBeUndefined()
  })

  it('asks for nothing until there is a question', async () => {
    const search = section(undefined, '')
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS)
    expect(requests).toEqual([])
    expect(search.shown()).toEqual({ data: undefined, failure: undefined, updatedAt: undefined, updating: false })
  })
})
