/**
 * Every page of the dashboard against the running platform and the demo estate, in Chromium at
 * a laptop's 1366x768: each shows real data without script errors, the journey search finds an
 * order, a late journey leads to its trace, a journey list stays on screen while a new filter
 * loads and comes back from the cache, and an alert can be silenced. The config makes
 * payment authorisation's SLA 5 ms (the demo's OMS alone takes longer), so every demo order is late within seconds, and adds an alert
 * rule the retry storm trips at once. The ERP gateway posts one order or sale in twenty twice, few
 * enough that the test's own, older than the demo's, is still among the rows listed. Screenshots are kept
 * in test-artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import type { AlertsResponse, JourneyListResponse, TraceResponse } from '../core/index.ts'
import { logRecords, startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { launchChromium } from './fixtures/browser.ts'
import { sendSpans } from './fixtures/otlp-sender.ts'

/** An order of the test's own: paid late (the config gives payment a 5 ms SLA), its next stage not due for a quarter of an hour. */
const LATE_ORDER = `WEB-E2E-LATE-${Date.now().toString(36)}`
const DRIFT_SKU = 'SKU-E2E-DRIFT'
/** A transfer of the test's own, requested and not yet received: the only journey of its type, since the demo sends none. */
const TRANSFER = `TR-E2E-${Date.now().toString(36)}`
/** A store the demo does not have: two sales published from its till, one posted to the ERP, and an order ready for pickup. */
const E2E_STORE = 'store-e2e'
const POSTED_SALE = `POS-E2E-POSTED-${Date.now().toString(36)}`
const UNPOSTED_SALE = `POS-E2E-UNPOSTED-${Date.now().toString(36)}`
/** A sale of the test's own, 80 minutes ago at a store of its own: the ERP's stock never shows its 2 units go, and the sale's SLA to its ERP posting is 75 minutes. */
const UNDECREMENTED_SALE = `POS-E2E-STOCK-${Date.now().toString(36)}`
const UNDECREMENTED_SKU = 'SKU-E2E-UNDECREMENTED'
const STOCK_STORE = 'store-e2e-stock'
/** An order of the test's own, paid within the 5 ms SLA and ready for pickup at the test's store. */
const PICKUP_ORDER = `WEB-E2E-PICKUP-${Date.now().toString(36)}`
/** An order of the test's own, created twice in the ERP under two document ids. */
const DOUBLE_ORDER = `WEB-E2E-TWICE-${Date.now().toString(36)}`
/** A value the test sends under two keys, a payment id and an ERP document, for the search box's bare-value search. */
const SHARED_VALUE = `REF-E2E-${Date.now().toString(36)}`
/** A return of the test's own, refunded to the customer and not credited in the ERP. */
const REFUNDED_RETURN = `RET-E2E-${Date.now().toString(36)}`
import { eventually } from './fixtures/wait.ts'

const ARTIFACTS = path.resolve(import.meta.dirname, '../test-artifacts')
const CONFIG = `
keys:
  extra: [retail.transfer.id]
journeys:
  - type: order
    stages:
      - { name: order.payment_authorized, sla: 5ms }
  - type: transfer
    root_key: retail.transfer.id
    stages:
      - { name: transfer.requested }
      - { name: transfer.received, sla: 1d }
alerts:
  interval: 1s
  rules:
    - { name: erp-errors, type: error_rate, service: erp-gateway, threshold: 0.01, window: 5m, min_spans: 3, severity: error }
`
let platform: PlatformProcess
let browser: Browser
let context: BrowserContext
const errors: string[] = []

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  const configDir = mkdtempSync(path.join(tmpdir(), 'tl-dashboard-config-'))
  writeFileSync(path.join(configDir, 'throughline.yaml'), CONFIG)
  platform = await startPlatformProcess(
    ['--demo-rate', '3', '--demo-seed', '7', '--demo-faults', 'retry-storm:0.3,stock-drift:0.5,duplicate-post:0.05,dlq-replay:0.2'],
    {
      THROUGHLINE_CONFIG: path.join(configDir, 'throughline.yaml'),
    },
  )
  // Journeys, stock, a transfer and a settlement of the test's own, beside the demo's: they stay as sent, so the pages can be held to them.
  const now = Date.now()
  const target = { otlpUrl: platform.otlpUrl, ingestKey: platform.ingestKey }
  await sendSpans(target, 'storefront', 'ecommerce', [
    {
      name: 'checkout',
      startMs: now - 60_000,
      attributes: { 'retail.order.id': LATE_ORDER, 'retail.journey.stage': 'order.placed', 'retail.channel': 'web' },
    },
  ])
  await sendSpans(target, 'payment-service', 'payment', [
    {
      name: 'authorize',
      startMs: now - 30_000,
      attributes: { 'retail.order.id': LATE_ORDER, 'retail.journey.stage': 'order.payment_authorized' },
    },
  ])
  const reading = (agoMs: number, onHand: number) => ({
    name: 'inventory.read',
    startMs: now - agoMs,
    attributes: { 'retail.sku': DRIFT_SKU, 'retail.store.id': 'E2E-STORE', 'retail.channel': 'pos', 'retail.inventory.on_hand': onHand },
  })
  await sendSpans(target, 'store-pos', 'pos', [reading(10 * 60_000, 12), reading(60_000, 12)])
  await sendSpans(target, 'erp-gateway', 'erp', [reading(10 * 60_000, 20), reading(60_000, 20)])
  const sale = (orderId: string, stage: string, agoMs: number, extra: Record<string, string | number> = {}) => ({
    name: stage,
    startMs: now - agoMs,
    attributes: {
      'retail.order.id': orderId,
      'retail.store.id': E2E_STORE,
      'retail.channel': 'pos',
      'retail.journey.stage': stage,
      ...extra,
    },
  })
  await sendSpans(target, 'store-pos', 'pos', [
    sale(POSTED_SALE, 'sale.completed', 8 * 60_000),
    sale(POSTED_SALE, 'sale.published', 7 * 60_000),
    sale(UNPOSTED_SALE, 'sale.completed', 6 * 60_000),
    sale(UNPOSTED_SALE, 'sale.published', 5 * 60_000),
    sale(UNDECREMENTED_SALE, 'sale.completed', 80 * 60_000, {
      'retail.store.id': STOCK_STORE,
      'retail.sku': UNDECREMENTED_SKU,
      'retail.inventory.delta': -2,
    }),
  ])
  await sendSpans(target, 'erp-gateway', 'erp', [sale(POSTED_SALE, 'sale.erp_posted', 4 * 60_000)])
  const pickup = (stage: string, atMs: number) => ({
    name: stage,
    startMs: atMs,
    attributes: { 'retail.order.id': PICKUP_ORDER, 'retail.store.id': E2E_STORE, 'retail.channel': 'web', 'retail.journey.stage': stage },
  })
  const placedMs = now - 10 * 60_000
  await sendSpans(target, 'storefront', 'ecommerce', [pickup('order.placed', placedMs)])
  await sendSpans(target, 'payment-service', 'payment', [pickup('order.payment_authorized', placedMs + 1)])
  await sendSpans(target, 'warehouse-management', 'wms', [pickup('order.inventory_reserved', placedMs + 60_000)])
  await sendSpans(target, 'erp-gateway', 'erp', [pickup('order.erp_created', placedMs + 2 * 60_000)])
  await sendSpans(target, 'store-pos', 'pos', [pickup('order.ready_for_pickup', placedMs + 3 * 60_000)])
  const refund = (stage: string, agoMs: number) => ({
    name: stage,
    startMs: now - agoMs,
    attributes: { 'retail.return.id': REFUNDED_RETURN, 'retail.journey.stage': stage },
  })
  await sendSpans(target, 'storefront', 'ecommerce', [refund('return.initiated', 9 * 60_000)])
  await sendSpans(target, 'warehouse-management', 'wms', [refund('return.received', 8 * 60_000)])
  await sendSpans(target, 'payment-service', 'payment', [refund('return.refunded', 7 * 60_000)])
  const created = (document: string, agoMs: number) => ({
    name: 'order.erp_created',
    startMs: now - agoMs,
    attributes: {
      'retail.order.id': DOUBLE_ORDER,
      'retail.erp.document.id': document,
      'retail.channel': 'web',
      'retail.amount': 249.5,
      'retail.currency': 'EUR',
      'retail.journey.stage': 'order.erp_created',
    },
  })
  await sendSpans(target, 'erp-gateway', 'erp', [created('SO-E2E-1', 4 * 60_000)])
  await sendSpans(target, 'erp-gateway', 'erp', [created('SO-E2E-2', 3 * 60_000)])
  await sendSpans(target, 'payment-service', 'payment', [
    { name: 'payment.capture', startMs: now - 2 * 60_000, attributes: { 'retail.payment.id': SHARED_VALUE } },
  ])
  await sendSpans(target, 'erp-gateway', 'erp', [
    { name: 'erp.post_payment', startMs: now - 60_000, attributes: { 'retail.erp.document.id': SHARED_VALUE } },
  ])
  await sendSpans(target, 'store-pos', 'pos', [
    {
      name: 'transfer.request',
      startMs: now - 5 * 60_000,
      attributes: { 'retail.transfer.id': TRANSFER, 'retail.journey.stage': 'transfer.requested' },
    },
  ])
  const settlement = { 'retail.settlement.id': 'SETTLE-E2E-1', 'retail.amount': 1234.5, 'retail.currency': 'EUR' }
  await sendSpans(target, 'payment-service', 'payment', [
    { name: 'capture', startMs: now - 20 * 60_000, attributes: { ...settlement, 'retail.journey.stage': 'settlement.captured' } },
    { name: 'batch', startMs: now - 15 * 60_000, attributes: { ...settlement, 'retail.journey.stage': 'settlement.batched' } },
  ])
  browser = await launchChromium()
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  // Signs in once: the token stays in this context's localStorage for every page after.
  const page = await open(`/?token=${encodeURIComponent(platform.apiToken)}`)
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor()
  await page.close()
})

afterAll(async () => {
  await browser?.close()
  expect(await platform?.stop()).toBe(0)
})

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${platform.url}${route}`, { headers: { authorization: `Bearer ${platform.apiToken}` } })
  if (response.status !== 200) throw new Error(`${route} answered ${response.status}`)
  return (await response.json()) as T
}

async function open(route: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`${route}: ${String(error)}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${route}: ${message.text()}`)
  })
  await page.goto(`${platform.url}${route}`)
  return page
}

/** Holds the page's next request that `matches` until the test continues it, so what the page shows meanwhile can be read without a race. */
async function holdNextRequest(page: Page, matches: (url: URL) => boolean): Promise<{ readonly held: Promise<Route> }> {
  let hold = (_route: Route): void => undefined
  const held = new Promise<Route>((resolve) => {
    hold = resolve
  })
  await page.route(matches, (route) => hold(route), { times: 1 })
  return { held }
}

/** The page as a laptop (1366x768, the context's size) and a desktop monitor (1920x1080) show it, into test-artifacts/. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true })
  const laptop = page.viewportSize()
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}-1920x1080.png`), fullPage: true })
  if (laptop) await page.setViewportSize(laptop)
}

/** The test's store in a page's store-sales backlog: two sales published, one posted, one waiting. */
async function expectSalesBacklog(page: Page): Promise<void> {
  const row = page.locator('section[aria-labelledby="backlog-title"] tbody tr', { hasText: E2E_STORE })
  await row.waitFor()
  expect(await row.locator('th').textContent()).toBe(E2E_STORE)
  expect((await row.locator('td.num').allTextContents()).slice(0, 3)).toEqual(['2', '1', '1'])
}

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
    await shoot(page, 'overview')
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
    await shoot(page, 'it')
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
    await page.waitForURL(`${platform.url}/journeys?key=retail.transfer.id&value=${TRANSFER}`)
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
    await page.waitForURL(`${platform.url}/traces/${found.spans[0]!.traceId}`)
    await page.getByText('erp-gateway').first().waitFor()
    expect(
      await page.locator('#recent-searches option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual([found.spans[0]!.traceId.toUpperCase(), DOUBLE_ORDER, SHARED_VALUE, `retail.transfer.id=${TRANSFER}`])
    await page.close()
  })

  it('pins a rolling range to the window it shows, takes a custom window, and goes back through both', async () => {
    const page = await open('/it?range=6h')
    await page.getByRole('heading', { name: 'IT', level: 1 }).waitFor()
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
    const tokyo = await browser.newContext({ timezoneId: 'Asia/Tokyo' })
    const page = await tokyo.newPage()
    await page.goto(`${platform.url}/journeys/order/${LATE_ORDER}?token=${encodeURIComponent(platform.apiToken)}`)
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
    await page.waitForURL(`${platform.url}/journeys/order/${encodeURIComponent(orderId)}`)
    await page.locator('.stage-rows').getByText('order.placed', { exact: true }).waitFor()
    await shoot(page, 'journey-search')
    await page.close()
  })

  it('follows a late order from the journey list to its page, which agrees that it is late, and on to the trace of its late stage', async () => {
    const page = await open('/journeys?type=order&status=late&range=1h')
    const row = page.locator('tbody tr', { hasText: LATE_ORDER })
    await row.waitFor()
    expect(await row.locator('.badge-journey-late').textContent()).toBe('late')
    await row.getByRole('link', { name: LATE_ORDER }).click()
    await page.waitForURL(`${platform.url}/journeys/order/${LATE_ORDER}`)
    // The journey page judges it as the list did.
    expect(await page.locator('.journey-facts .badge').first().textContent()).toBe('late')
    const lateStage = page.locator('.stage-row-late')
    expect(await lateStage.count()).toBe(1)
    expect(await lateStage.textContent()).toContain('order.payment_authorized')
    // The payment system reached the current stage and holds the order since.
    expect(await lateStage.locator('.holding').textContent()).toMatch(/^payment has held it for \d/)
    await shoot(page, 'late-journey')
    await lateStage.locator('a[href^="/traces/"]').click()
    await page.waitForURL(/\/traces\/[0-9a-f]{32}#span-[0-9a-f]{16}$/)
    await page.locator('.wf-selected').waitFor()
    expect(await page.locator('.wf-selected').textContent()).toContain('authorize')
    await shoot(page, 'late-journey-trace')
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
    const rows = page.locator('.wf-rows > li')
    // A finished order's last spans may still be on their way (an exporter's batch): the page is held to the trace as the API
    // has it at the same moment, and given the page's own refresh to catch up.
    const shownBeyondStored = async (): Promise<number> =>
      (await rows.count()) - (await api<TraceResponse>(`/api/traces/${traceId}`)).spans.length
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
    await page.getByRole('status').filter({ hasText: /match/ }).waitFor()
    await expect
      .poll(
        async () => (await page.locator('.wf-found').count()) - holding((await api<TraceResponse>(`/api/traces/${traceId}`)).spans),
        catchUp,
      )
      .toBe(0)
    expect(await page.locator('.wf-found').count()).toBeGreaterThan(0)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()])
    expect(download.suggestedFilename()).toBe(`trace-${traceId}.json`)
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as { traceId: string; spans: unknown[]; truncated: boolean }
    expect([saved.traceId, saved.spans.length >= trace.spans.length, saved.truncated]).toEqual([traceId, true, false])
    await page.close()
  })

  it('shows a journey list from the cache on the way back, and keeps it on screen while a new filter loads', async () => {
    const page = await open('/journeys?type=transfer')
    const list = page.locator('section[aria-labelledby="journey-list-title"]')
    const transfer = list.locator('tbody tr', { hasText: TRANSFER })
    await transfer.waitFor()
    await transfer.getByRole('link', { name: TRANSFER }).click()
    await page.waitForURL(`${platform.url}/journeys/transfer/${TRANSFER}`)
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
    // The sale of 80 minutes ago whose 2 units the ERP's stock never showed go, past its 75-minute SLA; the last 6 hours include it.
    await page.goto(`${platform.url}/ops?range=6h`)
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
    await shoot(page, 'ops')
    await page.close()
  })

  it('shows settlements, store sales and refunds on their way to the ERP on the finance page', async () => {
    const page = await open('/finance')
    await expectSalesBacklog(page)
    await page.locator('section[aria-labelledby="sales-title"] tbody tr', { hasText: UNPOSTED_SALE }).waitFor()
    // The return the test refunded and never credited, found between the stages that play the refunded and erp_credited roles.
    const refunds = page.locator('section[aria-labelledby="refunds-title"]')
    await refunds.locator('tbody tr', { hasText: REFUNDED_RETURN }).waitFor()
    expect(await refunds.locator('.section-note').textContent()).toMatch(/^Returns at return\.refunded or return\.inspected/)
    // The settlement the test batched and never posted.
    const unposted = page.locator('section[aria-labelledby="settlements-title"] tbody tr', { hasText: 'batched, not posted to the ERP' })
    await unposted.waitFor()
    // The row sums every batched, unposted settlement: the demo's in flight may add to the test's 1,234.50.
    const amountCell = (await unposted.locator('td.num').nth(1).textContent()) ?? ''
    expect(Number(/([\d,]+\.\d{2})/.exec(amountCell)?.[1]?.replace(/,/g, '') ?? 0)).toBeGreaterThanOrEqual(1234.5)
    // The order created twice: both documents, and one posting's amount at risk.
    const twice = page.locator('section[aria-labelledby="duplicates-title"] tbody tr', { hasText: DOUBLE_ORDER })
    await twice.waitFor()
    expect(await twice.locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['order.erp_created', '2', 'ERP document SO-E2E-1, ERP document SO-E2E-2', '249.50 EUR']),
    )
    await page.getByRole('heading', { name: 'Taxes' }).waitFor()
    await shoot(page, 'finance')
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
    await shoot(page, 'alerts')
    await card.getByRole('button', { name: 'Lift the silence' }).click()
    await card.getByRole('button', { name: 'Silence' }).waitFor()
    await page.close()
  })

  it('raised no script errors on any page', () => {
    // A failed request names the server's own error, so a failure here says what broke.
    const serverErrors = logRecords(platform.output()).filter((record) => record.level === 'error' || record.level === 'fatal')
    expect(errors, JSON.stringify(serverErrors, null, 1)).toEqual([])
  })
})
