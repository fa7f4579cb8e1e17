/**
 * Every page of the dashboard against the platform and the demo estate, in Chromium (session and
 * the test's own journeys in ./fixtures/dashboard-*.ts): real data without script errors, the
 * search box and journey search, pinned and custom ranges, a late journey to its trace, a trace
 * that folds and finds, lists kept on screen and from the cache, downloads, a silenced alert.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AlertsResponse, JourneyListResponse, TraceResponse } from '../core/index.ts'
import { logRecords } from './fixtures/platform-process.ts'
import {
  DOUBLE_ORDER,
  DRIFT_SKU,
  E2E_STORE,
  LATE_ORDER,
  PICKUP_ORDER,
  POSTED_SALE,
  POSTED_SALE_AMOUNT,
  REFUNDED_RETURN,
  REFUND_AMOUNT,
  SHARED_VALUE,
  STOCK_STORE,
  TRANSFER,
  UNDECREMENTED_SALE,
  UNDECREMENTED_SKU,
  UNPOSTED_SALE,
  expectSalesBacklog,
} from './fixtures/dashboard-estate.ts'
import {
  accessibilityViolations,
  dragAcross,
  holdNextRequest,
  shoot,
  startDashboardSession,
  type DashboardSession,
} from './fixtures/dashboard-session.ts'
import { eventually } from './fixtures/wait.ts'
import { sendWideTrace } from './fixtures/wide-trace.ts'

let session: DashboardSession
const open = (route: string): Promise<Page> => session.open(route)
/** Saves the page's screenshots, and checks it with axe-core: no serious or critical accessibility violation. */
async function record(page: Page, name: string): Promise<void> {
  await shoot(page, name)
  expect(await accessibilityViolations(page), name).toEqual([])
}
/** The amount in a cell such as `1,234.50 EUR`. */
const amount = (cell: string): number => Number(/([\d,]+\.\d{2})/.exec(cell)?.[1]?.replace(/,/g, '') ?? 0)
const api = <T>(route: string): Promise<T> => session.api<T>(route)

beforeAll(async () => {
  session = await startDashboardSession()
})
afterAll(async () => expect(await session?.stop()).toBe(0))

describe('the dashboard on the demo estate', () => {
  it('maps the systems and hops, counts journeys by status and lists firing alerts on the overview', async () => {
    const page = await open('/')
    const map = page.locator('.estate-map')
    await map.locator('.map-node', { hasText: 'order-management' }).waitFor()
    await map.locator('.map-edge-message').first().waitFor()
    await expect.poll(() => map.locator('.map-edge-label').first().textContent()).toMatch(/\/min · p95 /)
    await page.getByRole('rowheader', { name: 'order', exact: true }).waitFor()
    await page.locator('.alert-list li', { hasText: 'erp-errors' }).waitFor()
    await page.getByRole('rowheader', { name: 'erp-gateway' }).waitFor()
    await record(page, 'overview')
    // Dark, by the header's switch (the browser's preference, then light, then dark), and as readable.
    const themeButton = page.getByRole('button', { name: /^Theme: / })
    await themeButton.click()
    await themeButton.click()
    expect(await themeButton.textContent()).toBe('Theme: dark')
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(15, 20, 25)')
    await record(page, 'overview-dark')
    await themeButton.click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined()
    // A message hop on the map opens its details on the IT page: destinations, figures, failed traces and deliveries.
    const hop = map.locator('a:has(.map-edge-message)').first()
    const label = (await hop.getAttribute('aria-label')) ?? ''
    const [from, to] = /^(.+?) → (.+?) \(message\)/.exec(label)!.slice(1)
    // From the keyboard, as the map's links are reachable.
    await hop.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname === '/it' && url.searchParams.get('hop') === `message|${from}|${to}`)
    const details = page.locator('section[aria-labelledby="hop-title"]')
    expect(await details.getByRole('heading', { level: 2 }).textContent()).toBe(`${from} → ${to} (messages)`)
    await details.getByText('Destinations').waitFor()
    await details.getByRole('heading', { name: 'Problem deliveries on this hop' }).waitFor()
    await expect.poll(() => details.getByText('Loading…').count()).toBe(0)
    await record(page, 'hop')
    await details.getByRole('link', { name: 'Close' }).click()
    await page.waitForURL((url) => !url.searchParams.has('hop'))
    await page.close()
  })

  it("draws latency and error rates per service on the IT page, and narrows to one service's span names", async () => {
    const page = await open('/it?range=15m')
    const latency = page.locator('section[aria-labelledby="latency-title"]')
    await latency.locator('.recharts-legend-item', { hasText: 'erp-gateway' }).first().waitFor()
    await latency.locator('.recharts-legend-item', { hasText: 'order-management' }).first().waitFor()
    await page.locator('.recharts-label', { hasText: 'p95 latency (ms)' }).waitFor()
    // The OMS sends sales orders to the ERP over a queue, and the retry storm the test asked for makes the ERP retry them.
    const salesOrders = page
      .locator('section[aria-labelledby="hops-title"] tbody tr', { hasText: 'order-management → erp-gateway' })
      .filter({ has: page.locator('td', { hasText: /^message$/ }) })
    await salesOrders.locator('td.warn-text').waitFor()
    expect(await salesOrders.locator('.cell-note').first().textContent()).toBe('oms → erp')
    expect(await salesOrders.locator('td.operations').textContent()).toContain('sales-orders')
    // The wait in the queue, apart from the ERP's processing: a duration, with its p95 under it.
    expect(await salesOrders.locator('td.queue-delay').textContent()).toMatch(/^\d.*p95 \d/)
    const stormed = page
      .locator('section[aria-labelledby="messages-title"] tbody tr', { hasText: 'lock wait timeout exceeded while posting' })
      .filter({ has: page.locator('.badge-problem-failed') })
      .first()
    await stormed.waitFor()
    expect(await stormed.locator('td.why').textContent()).toMatch(
      /^(sales-orders|store-sales|settlements): lock wait timeout exceeded while posting$/,
    )
    expect(await stormed.locator('.cell-note').textContent()).toBe('erp-gateway (consumer)')
    // The dlq-replay fault parks ERP messages at once; the operator's job replays most of them, and the page follows each to its outcome.
    const messages = page.locator('section[aria-labelledby="messages-title"]')
    await messages
      .locator('.tile', { hasText: 'Replayed and processed' })
      .locator('.tile-value', { hasText: /^[1-9]/ })
      .waitFor()
    await messages.locator('tbody tr .replay-outcome').first().waitFor()
    await record(page, 'it')
    await page.locator('section[aria-labelledby="latency-title"]').getByRole('link', { name: 'erp-gateway' }).click()
    await page.waitForURL(/service=erp-gateway/)
    await page.getByRole('table', { name: 'Span names of erp-gateway' }).waitFor()
    await page.locator('section[aria-labelledby="slow-title"] a[href^="/traces/"]').first().click()
    await page.waitForURL(/\/traces\/[0-9a-f]{32}$/)
    await page.getByText('erp-gateway').first().waitFor()
    await page.close()
  })

  it('searches from the box on every page: / focuses it, a trace id opens the trace, key=value any key, a bare value every key', async () => {
    const page = await open('/ops')
    // A search field with a list of recent searches is a combobox to assistive technology.
    const box = page.getByRole('combobox', { name: /Search for a trace id/ })
    await page.getByRole('heading', { name: 'Operations', level: 1 }).waitFor()
    await page.keyboard.press('/')
    expect(await box.evaluate((element) => element === document.activeElement)).toBe(true)
    // A key only the config file adds, as key=value.
    await box.fill(`retail.transfer.id=${TRANSFER}`)
    await box.press('Enter')
    await page.waitForURL(`${session.platform.url}/journeys?key=retail.transfer.id&value=${TRANSFER}`)
    await page.getByRole('link', { name: 'Open the journey →' }).waitFor()
    // A bare value carried under two keys lists both; each opens its search.
    await box.fill(SHARED_VALUE)
    await box.press('Enter')
    const keys = page.locator('section[aria-labelledby="value-keys-title"] li')
    await expect.poll(() => keys.locator('.mono').allTextContents()).toEqual(['retail.erp.document.id', 'retail.payment.id'])
    // A bare value under one key is searched at once: the order the test created twice.
    await box.fill(DOUBLE_ORDER)
    await box.press('Enter')
    await page.getByRole('link', { name: 'Open the journey →' }).waitFor()
    // A trace id opens its trace; the recent searches are offered, newest first.
    const found = await api<{ spans: { traceId: string }[] }>(`/api/search?key=retail.order.id&value=${DOUBLE_ORDER}`)
    await box.fill(found.spans[0]!.traceId.toUpperCase())
    await box.press('Enter')
    await page.waitForURL(`${session.platform.url}/traces/${found.spans[0]!.traceId}`)
    await page.getByText('erp-gateway').first().waitFor()
    expect(
      await page.locator('#recent-searches option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual([found.spans[0]!.traceId.toUpperCase(), DOUBLE_ORDER, SHARED_VALUE, `retail.transfer.id=${TRANSFER}`])
    await page.close()
  })

  it('pins a rolling range to the window it shows, takes a custom window, and goes back through both', async () => {
    // A light page: the IT page's six-hour reads, four times in seconds beside the suite, met the API's admission limit (429).
    const page = await open('/journeys?type=transfer&range=6h')
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'Pin window' }).click()
    await page.waitForURL(/[?&]from=.*&to=/)
    const pinnedAt = new URL(page.url()).searchParams
    expect(pinnedAt.get('range')).toBeNull()
    expect(Date.parse(pinnedAt.get('to')!) - Date.parse(pinnedAt.get('from')!)).toBe(6 * 3_600_000)
    await page.getByRole('combobox', { name: 'Time range' }).selectOption('custom')
    await page.getByLabel('From', { exact: true }).fill('2026-01-05T08:00')
    await page.getByLabel('To', { exact: true }).fill('2026-01-05T09:30')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.waitForURL((url) => url.searchParams.get('from') === new Date('2026-01-05T08:00').toISOString())
    expect(new URL(page.url()).searchParams.get('to')).toBe(new Date('2026-01-05T09:30').toISOString())
    await page.goBack()
    await page.waitForURL((url) => url.searchParams.get('from') === pinnedAt.get('from'))
    await page.goBack()
    await page.waitForURL((url) => url.searchParams.get('range') === '6h')
    await page.close()
  })

  it("shows times in the browser's zone or in UTC, as the reader picks, and remembers it", async () => {
    const tokyo = await session.browser.newContext({ timezoneId: 'Asia/Tokyo' })
    const page = await tokyo.newPage()
    await page.goto(`${session.platform.url}/journeys/order/${LATE_ORDER}?token=${encodeURIComponent(session.platform.apiToken)}`)
    const zone = page.getByRole('button', { name: /^Times in / })
    const firstTime = page.locator('time.timestamp').first()
    await firstTime.waitFor()
    expect(await zone.textContent()).toBe('Times in Asia/Tokyo')
    expect(await firstTime.textContent()).toMatch(/ GMT\+9$/)
    await zone.click()
    await expect.poll(() => firstTime.textContent()).toMatch(/ UTC$/)
    expect(await zone.textContent()).toBe('Times in UTC')
    await page.reload()
    await expect.poll(() => page.locator('time.timestamp').first().textContent()).toMatch(/ UTC$/)
    await tokyo.close()
  })

  it('finds an order by its id in the journey search and opens its stages', async () => {
    const { journeys } = await eventually(async () => {
      const list = await api<JourneyListResponse>('/api/journeys?type=order&limit=5')
      return list.journeys.length > 0 ? list : undefined
    }, 'an order journey')
    const orderId = journeys[0]!.key
    const page = await open('/journeys')
    await page.getByRole('table', { name: /of \d+/ }).waitFor()
    // The journey types the API says are in force, the one only the config file defines among them.
    await expect
      .poll(() => page.getByLabel('Type').locator('option').allTextContents())
      .toEqual(['all', 'order', 'return', 'settlement', 'promotion', 'sale', 'transfer'])
    await page.getByRole('searchbox', { name: 'Value', exact: true }).fill(orderId)
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/\/journeys\?key=retail\.order\.id&value=/)
    await page.getByRole('link', { name: 'Open the journey →' }).click()
    await page.waitForURL(`${session.platform.url}/journeys/order/${encodeURIComponent(orderId)}`)
    await page.locator('.stage-rows').getByText('order.placed', { exact: true }).waitFor()
    await record(page, 'journey-search')
    await page.close()
  })

  it('follows a late order from the journey list to its page, which agrees that it is late, and on to the trace of its late stage', async () => {
    const page = await open('/journeys?type=order&status=late&range=1h')
    const row = page.locator('tbody tr', { hasText: LATE_ORDER })
    await row.waitFor()
    expect(await row.locator('.badge-journey-late').textContent()).toBe('late')
    await row.getByRole('link', { name: LATE_ORDER }).click()
    await page.waitForURL(`${session.platform.url}/journeys/order/${LATE_ORDER}`)
    // The journey page judges it as the list did.
    expect(await page.locator('.journey-facts .badge').first().textContent()).toBe('late')
    const lateStage = page.locator('.stage-row-late')
    expect(await lateStage.count()).toBe(1)
    expect(await lateStage.textContent()).toContain('order.payment_authorized')
    // The payment system reached the current stage and holds the order since.
    expect(await lateStage.locator('.holding').textContent()).toMatch(/^payment has held it for \d/)
    await record(page, 'late-journey')
    await lateStage.locator('a[href^="/traces/"]').click()
    await page.waitForURL(/\/traces\/[0-9a-f]{32}#span-[0-9a-f]{16}$/)
    await page.locator('.wf-selected').waitFor()
    expect(await page.locator('.wf-selected').textContent()).toContain('authorize')
    await record(page, 'late-journey-trace')
    await page.close()
  })

  it('collapses and expands a real trace, finds within it, and downloads it as JSON', async () => {
    // A trace of a completed demo order, which no longer grows: a tree of calls across services.
    const traceId = await eventually(async () => {
      const list = await api<JourneyListResponse>('/api/journeys?type=order&status=complete&limit=20')
      for (const journey of list.journeys) {
        const found = await api<{ traces: { traceId: string; spanCount: number }[] }>(
          `/api/search?key=retail.order.id&value=${encodeURIComponent(journey.key)}`,
        )
        const deep = found.traces.find((trace) => trace.spanCount >= 4)
        if (deep) return deep.traceId
      }
      return undefined
    }, 'an order trace of four spans or more')
    const trace = await api<TraceResponse>(`/api/traces/${traceId}`)
    const page = await open(`/traces/${traceId}`)
    // The rows shown, as the waterfall counts them (only those in view are in the page).
    const shownRows = async (): Promise<number> =>
      Number(/^([\d,]+) of/.exec((await page.locator('.wf-counts').textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN)
    // A finished order's last spans may still be on their way (an exporter's batch): the page is held to the trace as the API
    // has it at the same moment, and given the page's own refresh to catch up.
    const shownBeyondStored = async (): Promise<number> =>
      (await shownRows()) - (await api<TraceResponse>(`/api/traces/${traceId}`)).spans.length
    const catchUp = { timeout: 30_000 }
    await expect.poll(shownBeyondStored, catchUp).toBe(0)
    // Folding the first span with children hides its subtree; opening it shows every span again.
    await page
      .getByRole('button', { name: /^Collapse / })
      .first()
      .click()
    await expect.poll(shownBeyondStored, catchUp).toBeLessThan(0)
    await page
      .getByRole('button', { name: /^Expand / })
      .first()
      .click()
    await expect.poll(shownBeyondStored, catchUp).toBe(0)
    // A find marks the spans of one service and opens the subtrees they are in.
    await page.getByRole('button', { name: 'Collapse all' }).click()
    // Every span that holds the service's name: its own, and any whose name or attributes mention it. The demo's trace
    // may still grow, so the page is held to the trace as the API has it at the same moment.
    const service = trace.spans.at(-1)!.service
    const holding = (spans: TraceResponse['spans']): number =>
      spans.filter((span) =>
        [span.name, span.service, span.statusMessage, ...Object.values(span.attributes), ...Object.values(span.businessKeys)].some((text) =>
          text.toLowerCase().includes(service.toLowerCase()),
        ),
      ).length
    await page.getByRole('searchbox', { name: 'Find in trace' }).fill(service)
    const matches = page.getByRole('status').filter({ hasText: /match/ })
    const matched = async (): Promise<number> =>
      Number(/^([\d,]+)/.exec((await matches.textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN)
    await expect.poll(async () => (await matched()) - holding((await api<TraceResponse>(`/api/traces/${traceId}`)).spans), catchUp).toBe(0)
    expect(await page.locator('.wf-found').count()).toBeGreaterThan(0)
    // The critical path is marked: at least the root, which the trace's end waits on.
    expect(await page.locator('.wf-critical').count()).toBeGreaterThan(0)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()])
    expect(download.suggestedFilename()).toBe(`trace-${traceId}.json`)
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as { traceId: string; spans: unknown[]; truncated: boolean }
    expect([saved.traceId, saved.spans.length >= trace.spans.length, saved.truncated]).toEqual([traceId, true, false])
    await page.close()
  })

  it('draws a trace of 10,000 spans a screen at a time, says it was cut, and scrolls to its last span', async () => {
    const traceId = await sendWideTrace({ otlpUrl: session.platform.otlpUrl, ingestKey: session.platform.ingestKey })
    await eventually(async () => {
      const trace = await api<TraceResponse>(`/api/traces/${traceId}`)
      return trace.truncated ? trace : undefined
    }, 'the wide trace stored')
    const page = await open(`/traces/${traceId}`)
    await page.locator('.wf-counts', { hasText: '10,000 of 10,000 spans shown' }).waitFor()
    await page.getByRole('note').filter({ hasText: 'the first 10,000 by start time are shown' }).waitFor()
    // Only the rows in view, and a few beyond, are in the page.
    expect(await page.locator('.wf-rows > li').count()).toBeLessThan(80)
    await page.locator('.wf-scroll').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }))
    await page.locator('.wf-rows > li[aria-posinset="10000"]').waitFor()
    expect(await page.locator('.wf-rows > li').count()).toBeLessThan(80)
    await page.close()
  })

  it('shows a journey list from the cache on the way back, and keeps it on screen while a new filter loads', async () => {
    const page = await open('/journeys?type=transfer')
    const list = page.locator('section[aria-labelledby="journey-list-title"]')
    const transfer = list.locator('tbody tr', { hasText: TRANSFER })
    await transfer.waitFor()
    await transfer.getByRole('link', { name: TRANSFER }).click()
    await page.waitForURL(`${session.platform.url}/journeys/transfer/${TRANSFER}`)
    const isListRequest = (url: URL): boolean => url.pathname === '/api/journeys'
    const refresh = await holdNextRequest(page, isListRequest)
    await page.goBack()
    const held = await refresh.held
    // The list's own refresh is still held back: the rows come from the cache.
    expect(await transfer.isVisible()).toBe(true)
    expect(await page.getByText('Loading').count()).toBe(0)
    await held.continue()

    const filtered = await holdNextRequest(page, (url) => isListRequest(url) && url.searchParams.get('status') === 'complete')
    await page.getByRole('combobox', { name: 'Status' }).selectOption('complete')
    const answer = await filtered.held
    // Until the completed transfers arrive, the previous rows stay, marked busy, with no loading notice in their place.
    expect(await transfer.isVisible()).toBe(true)
    expect(await list.getAttribute('aria-busy')).toBe('true')
    expect(await page.getByText('Loading').count()).toBe(0)
    await answer.continue()
    await list.getByText('No journeys match these filters in this window.').waitFor()
    expect(await transfer.count()).toBe(0)
    expect(await list.getAttribute('aria-busy')).toBe('false')
    // The browser's back undoes the filter, as it would a page.
    await page.goBack()
    await transfer.waitFor()
    expect(new URL(page.url()).searchParams.get('status')).toBeNull()
    await page.close()
  })

  it("shows fulfilment delays, a pickup waiting in a store, stock drift and a store's sales backlog on the operations page", async () => {
    const page = await open('/ops')
    await page.getByRole('table', { name: /p95 time from one stage to the next/ }).waitFor()
    await expectSalesBacklog(page)
    // The order the test made ready for pickup, found at the stage that plays the ready_for_pickup role.
    const pickups = page.locator('section[aria-labelledby="pickups-title"]')
    const pickupStore = pickups.locator('tbody tr', { hasText: E2E_STORE })
    await pickupStore.waitFor()
    expect(await pickups.locator('caption').textContent()).toContain('order.ready_for_pickup')
    expect(await pickupStore.locator('td.num').first().textContent()).toBe('1')
    expect(await pickupStore.locator('.chip').allTextContents()).toEqual([PICKUP_ORDER])
    // The drift the test sent: POS says 12, the ERP 20, for ten minutes.
    const drift = page.locator('section[aria-labelledby="stock-title"] tbody tr', { hasText: DRIFT_SKU })
    await drift.waitFor()
    expect(await drift.locator('td.num').textContent()).toBe('8')
    expect(await drift.locator('.chip').allTextContents()).toEqual(['erp 20', 'pos 12'])
    // Over time: the drift counts at the window's end, in the table behind the chart.
    const stock = page.locator('section[aria-labelledby="stock-title"]')
    await stock.getByRole('figure').waitFor()
    await stock.getByRole('group', { name: 'SKUs the systems disagree on: show as' }).getByRole('button', { name: 'Table' }).click()
    const latest = stock.getByRole('table', { name: 'SKUs the systems disagree on' }).locator('tbody tr').first()
    expect(Number(await latest.locator('td.num').textContent())).toBeGreaterThanOrEqual(1)
    // The orders' stage times and starts over time are charts.
    await page.locator('section[aria-labelledby="stage-trend-title"]').getByRole('figure').waitFor()
    await page.locator('section[aria-labelledby="started-trend-title"]').getByRole('figure').waitFor()
    // The sale of 80 minutes ago whose 2 units the ERP's stock never showed go, past its 75-minute SLA; the last 6 hours include it.
    await page.goto(`${session.platform.url}/ops?range=6h`)
    const missed = page.locator('section[aria-labelledby="decrements-title"] tbody tr', { hasText: UNDECREMENTED_SKU })
    await missed.waitFor()
    expect(await missed.locator('th').textContent()).toBe(STOCK_STORE)
    expect(await missed.locator('td.num').allTextContents()).toEqual(['1', '2', '0'])
    expect(await missed.getByRole('link').allTextContents()).toEqual([UNDECREMENTED_SALE])
    // The table downloads as CSV, as it stands on screen.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('section[aria-labelledby="decrements-title"]').getByRole('button', { name: 'CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^ops-decrements-\d{4}-\d{2}-\d{2}T\d{4}\.csv$/)
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n')
    expect(csv[0]).toBe('Store,SKU,Missed,Units,Awaited,Sales')
    expect(csv).toContain(`${STOCK_STORE},${UNDECREMENTED_SKU},1,2,0,${UNDECREMENTED_SALE}`)
    // The order the test had created twice in the ERP, in its channel.
    const twice = page.locator('section[aria-labelledby="duplicate-orders-title"] tbody tr', { hasText: DOUBLE_ORDER })
    await twice.waitFor()
    expect(await twice.locator('td').nth(1).textContent()).toBe('web')
    await record(page, 'ops')
    await page.close()
  })

  it('shows settlements, store sales and refunds on their way to the ERP on the finance page', async () => {
    const page = await open('/finance')
    await expectSalesBacklog(page)
    await page.locator('section[aria-labelledby="sales-title"] tbody tr', { hasText: UNPOSTED_SALE }).waitFor()
    // The return the test refunded and never credited, found between the stages that play the refunded and erp_credited roles.
    const refunds = page.locator('section[aria-labelledby="refunds-title"]')
    const refund = refunds.locator('tbody tr', { hasText: REFUNDED_RETURN })
    await refund.waitFor()
    expect(await refund.locator('td.num').first().textContent()).toBe(REFUND_AMOUNT)
    expect(await refunds.locator('.section-note').textContent()).toBe(
      'Between return.refunded and return.erp_credited, by the time since the refund.',
    )
    // Its amount counts in the refunds waiting under an hour, in the table behind the chart.
    await refunds.getByRole('group', { name: 'Refunds not credited by age: show as' }).getByRole('button', { name: 'Table' }).click()
    const underAnHour = refunds.getByRole('table', { name: 'Refunds not credited by age' }).locator('tr', { hasText: 'under 1 h' })
    expect(amount((await underAnHour.locator('td', { hasText: 'EUR' }).textContent()) ?? '')).toBeGreaterThanOrEqual(64.9)
    // Store sales published against posted, as a chart; a drag across it zooms the page to that stretch, and back returns.
    const sales = page.locator('section[aria-labelledby="sales-trend-title"]')
    await sales.getByRole('figure').waitFor()
    await dragAcross(sales.getByRole('figure'), 0.6, 0.98)
    await page.waitForURL((url) => url.searchParams.has('from'))
    const zoomed = new URL(page.url()).searchParams
    const zoomedMs = Date.parse(zoomed.get('to')!) - Date.parse(zoomed.get('from')!)
    expect(zoomedMs).toBeGreaterThan(0)
    expect(zoomedMs).toBeLessThan(3_600_000)
    await page.getByRole('heading', { name: /^Store sales published and posted/ }).waitFor()
    await page.goBack()
    await page.waitForURL((url) => !url.searchParams.has('from'))
    // The settlement the test batched and never posted.
    const unposted = page.locator('section[aria-labelledby="settlements-title"] tbody tr', { hasText: 'batched, not posted to the ERP' })
    await unposted.waitFor()
    // The row sums every batched, unposted settlement: the demo's in flight may add to the test's 1,234.50.
    expect(amount((await unposted.locator('td.num').nth(1).textContent()) ?? '')).toBeGreaterThanOrEqual(1234.5)
    // The order created twice: both documents, and one posting's amount at risk.
    const twice = page.locator('section[aria-labelledby="duplicates-title"] tbody tr', { hasText: DOUBLE_ORDER })
    await twice.waitFor()
    expect(await twice.locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['order.erp_created', '2', 'ERP document SO-E2E-1, ERP document SO-E2E-2', '249.50 EUR']),
    )
    // The sale the test published 7 minutes ago with no tax posting, due 2 minutes after it was published.
    const taxes = page.locator('section[aria-labelledby="taxes-title"]')
    const overdueTax = taxes.getByRole('table', { name: 'Overdue the longest' }).locator('tr', { hasText: POSTED_SALE })
    await overdueTax.waitFor()
    expect(await overdueTax.locator('td.num').first().textContent()).toBe(POSTED_SALE_AMOUNT)
    expect(await taxes.locator('.section-note').textContent()).toContain('2m 00s after sale.published')
    await record(page, 'finance')
    // The journey list shows a journey's amount: the test's posted sale, 42.00 EUR.
    await page.goto(`${session.platform.url}/journeys?type=sale&store=${E2E_STORE}`)
    const listedSale = page.locator('tr', { hasText: POSTED_SALE })
    await listedSale.waitFor()
    expect(await listedSale.locator('td.num').first().textContent()).toBe(POSTED_SALE_AMOUNT)
    await page.close()
  })

  it('silences a firing alert and lifts the silence again', async () => {
    await eventually(async () => {
      const alerts = await api<AlertsResponse>('/api/alerts?state=firing')
      return alerts.alerts.find((a) => a.rule === 'erp-errors')
    }, 'the erp-errors alert firing')
    const page = await open('/alerts')
    // The rule itself: firing, its worst group's error rate against its 1% threshold.
    const rule = page.locator('section[aria-labelledby="rules-title"] tr[data-rule="erp-errors"]')
    await rule.locator('.badge', { hasText: /^firing ×\d+$/ }).waitFor()
    const [value, threshold] = await rule.locator('td.num').allTextContents()
    expect(value).toMatch(/^\d+\.\d%/)
    expect(threshold).toBe('1.0%')
    const card = page.locator('article.alert-card', { hasText: 'erp-errors' })
    await card.getByPlaceholder('why (optional)').fill('ERP maintenance window')
    await card.getByRole('button', { name: 'Silence' }).click()
    await card.locator('.badge-silenced').waitFor()
    expect(await card.textContent()).toContain('ERP maintenance window')
    await record(page, 'alerts')
    await card.getByRole('button', { name: 'Lift the silence' }).click()
    await card.getByRole('button', { name: 'Silence' }).waitFor()
    // The rule's last hours as a sparkline in its row; opened, its chart against the threshold and its alerts with their deliveries.
    await rule.locator('.recharts-surface').waitFor()
    await rule.getByRole('button', { name: 'erp-errors' }).click()
    const details = page.locator('tr.rule-details')
    await details.getByRole('figure').waitFor()
    await details.getByRole('heading', { name: 'Alerts of this rule' }).waitFor()
    await details.locator('article.alert-card', { hasText: 'erp-errors' }).first().waitFor()
    await record(page, 'alert-rule')
    await page.close()
  })

  it('raised no script errors on any page', () => {
    // A failed request names the server's own error, so a failure here says what broke.
    const serverErrors = logRecords(session.platform.output()).filter((record) => record.level === 'error' || record.level === 'fatal')
    expect(session.errors, JSON.stringify(serverErrors, null, 1)).toEqual([])
  })
})
