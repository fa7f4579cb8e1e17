/**
 * What a newcomer sees after `npm start`: the demo estate feeding the platform, an order found
 * by its id with its stages across systems, its trace, and the dashboard showing it all in a
 * real browser. Screenshots are kept in test-artifacts/.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { OverviewResponse, SearchResponse, TraceResponse } from '../core/index.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { launchChromium } from './fixtures/browser.ts'
import { eventually } from './fixtures/wait.ts'

const ARTIFACTS = path.resolve(import.meta.dirname, '../test-artifacts')
let platform: PlatformProcess
let browser: Browser
let orderId: string
/** The stages an online order passes before the ERP, in storefront, payment, WMS and OMS. */
const FIRST_STAGES = ['order.placed', 'order.payment_authorized', 'order.inventory_reserved', 'order.erp_created']

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  platform = await startPlatformProcess(['--demo-rate', '3', '--demo-seed', '11'])
  browser = await launchChromium()
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

async function openPage(route: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(`${platform.url}${route}`)
  return { page, errors }
}

/** The systems an online order crosses on its way to the ERP, each with spans of its own. */
const CROSSED_SYSTEMS = ['ecommerce', 'payment', 'oms', 'erp']

describe('npm start with the demo estate', () => {
  it('makes an online order searchable by its id, with its stages across systems', async () => {
    // An online order passes storefront, payment, WMS and OMS before the ERP, each service
    // exporting on its own schedule; wait for one whose first four stages and the spans of the
    // systems it crossed have all arrived. An order that never shows them fails the wait.
    const found = await eventually(async () => {
      const overview = await api<OverviewResponse>('/api/overview')
      for (const key of overview.recentKeys.filter((k) => k.key === 'retail.order.id' && /^(WEB|APP|MKT)-/.test(k.value))) {
        const search = await api<SearchResponse>(`/api/search?key=retail.order.id&value=${encodeURIComponent(key.value)}`)
        const stages = new Set(search.spans.map((span) => span.stage))
        const systems = new Set(search.spans.map((span) => span.system))
        if (FIRST_STAGES.every((stage) => stages.has(stage)) && CROSSED_SYSTEMS.every((system) => systems.has(system))) return search
      }
      return undefined
    }, 'an online order that crossed storefront, payment, OMS and ERP and reached the ERP')
    orderId = found.value
    // Queue hops start traces of their own, so one order spans several traces.
    expect(found.traces.length).toBeGreaterThan(1)

    const first = await api<TraceResponse>(`/api/traces/${found.traces.at(-1)!.traceId}`)
    expect(first.spans.length).toBeGreaterThan(1)
    expect(first.spans.every((span) => span.traceId === found.traces.at(-1)!.traceId)).toBe(true)
  })

  it('signs in from the printed link, drops the token from the address bar and shows the estate', async () => {
    const { page, errors } = await openPage(`/?token=${encodeURIComponent(platform.apiToken)}`)
    await page.getByRole('heading', { name: 'Overview' }).waitFor()
    await page.getByRole('rowheader', { name: 'order-management' }).waitFor()
    expect(page.url()).toBe(`${platform.url}/`)
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview.png'), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })

  it('finds the order in the journey search and follows it to a trace waterfall', async () => {
    const { page, errors } = await openPage(`/?token=${encodeURIComponent(platform.apiToken)}`)
    await page.goto(`${platform.url}/journeys?key=retail.order.id&value=${encodeURIComponent(orderId)}`)
    // The order's own journey, and its spans with the stages the first test saw them reach.
    await page
      .getByRole('region', { name: `order journey ${orderId}` })
      .getByRole('link', { name: `order journey ${orderId}` })
      .waitFor()
    const results = page.getByRole('region', { name: 'Search results' })
    expect(await results.getByRole('heading', { level: 2 }).textContent()).toBe(`retail.order.id = ${orderId}`)
    await results.locator('.stage').first().waitFor()
    expect(await results.locator('.stage').allTextContents()).toEqual(expect.arrayContaining(FIRST_STAGES))
    const traceLink = results.locator('a[href^="/traces/"]').first()
    await page.screenshot({ path: path.join(ARTIFACTS, 'journey-search.png'), fullPage: true })
    await traceLink.click()
    await page.waitForURL(/\/traces\/[0-9a-f]{32}/)
    await page.getByText('order-management').first().waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, 'trace.png'), fullPage: true })
    expect(errors).toEqual([])
    await page.close()
  })
})
