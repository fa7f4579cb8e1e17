/**
 * Journeys and the business pages in the dashboard, against the platform and the demo estate in
 * Chromium (session and the test's own journeys in ./fixtures/dashboard-*.ts): journey search, a
 * late journey to its trace, lists kept on screen and from the cache, the operations and finance
 * pages with their charts, taxes and downloads, and the alerts page with a silence and a rule's
 * history.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { AlertsResponse, JourneyListResponse } from '../core/index.ts'
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
  STOCK_STORE,
  TRANSFER,
  UNDECREMENTED_SALE,
  UNDECREMENTED_SKU,
  UNPOSTED_SALE,
  expectSalesBacklog,
} from './fixtures/dashboard-estate.ts'
import { dragAcross, holdNextRequest } from './fixtures/dashboard-session.ts'
import { amountIn, dashboardSuite, expectNoScriptErrors, record } from './fixtures/dashboard-suite.ts'
import { eventually } from './fixtures/wait.ts'

const suite = dashboardSuite()
const { open, api } = suite

describe('journeys and the business pages in the dashboard, on the demo estate', () => {
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
    await page.waitForURL(`${suite.session.platform.url}/journeys/order/${encodeURIComponent(orderId)}`)
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
    await page.waitForURL(`${suite.session.platform.url}/journeys/order/${LATE_ORDER}`)
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

  it('shows a journey list from the cache on the way back, and keeps it on screen while a new filter loads', async () => {
    const page = await open('/journeys?type=transfer')
    const list = page.locator('section[aria-labelledby="journey-list-title"]')
    const transfer = list.locator('tbody tr', { hasText: TRANSFER })
    await transfer.waitFor()
    await transfer.getByRole('link', { name: TRANSFER }).click()
    await page.waitForURL(`${suite.session.platform.url}/journeys/transfer/${TRANSFER}`)
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
    await page.goto(`${suite.session.platform.url}/ops?range=6h`)
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
    expect(amountIn((await underAnHour.locator('td', { hasText: 'EUR' }).textContent()) ?? '')).toBeGreaterThanOrEqual(64.9)
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
    expect(amountIn((await unposted.locator('td.num').nth(1).textContent()) ?? '')).toBeGreaterThanOrEqual(1234.5)
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
    await page.goto(`${suite.session.platform.url}/journeys?type=sale&store=${E2E_STORE}`)
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
    expectNoScriptErrors(suite.session)
  })
})
