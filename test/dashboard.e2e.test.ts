/**
 * The estate and traces in the dashboard, against the platform and the demo estate in Chromium
 * (session and the test's own journeys in ./fixtures/dashboard-*.ts): the overview's map and a
 * hop's details, dark mode, the IT page's charts, the search box, pinned and custom ranges, the
 * time zone, and traces that fold, find, download and scroll through 10,000 spans.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { JourneyListResponse, TraceResponse } from '../core/index.ts'
import { DOUBLE_ORDER, LATE_ORDER, SHARED_VALUE, TRANSFER } from './fixtures/dashboard-estate.ts'
import { dashboardSuite, expectNoScriptErrors, record } from './fixtures/dashboard-suite.ts'
import { eventually } from './fixtures/wait.ts'
import { sendWideTrace } from './fixtures/wide-trace.ts'

const suite = dashboardSuite()
const { open, api } = suite

describe('the estate and traces in the dashboard, on the demo estate', () => {
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
    await page.waitForURL(`${suite.session.platform.url}/journeys?key=retail.transfer.id&value=${TRANSFER}`)
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
    await page.waitForURL(`${suite.session.platform.url}/traces/${found.spans[0]!.traceId}`)
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
    const tokyo = await suite.session.browser.newContext({ timezoneId: 'Asia/Tokyo' })
    const page = await tokyo.newPage()
    await page.goto(
      `${suite.session.platform.url}/journeys/order/${LATE_ORDER}?token=${encodeURIComponent(suite.session.platform.apiToken)}`,
    )
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
    const traceId = await sendWideTrace({ otlpUrl: suite.session.platform.otlpUrl, ingestKey: suite.session.platform.ingestKey })
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

  it('raised no script errors on any page', () => {
    expectNoScriptErrors(suite.session)
  })
})
