import { describe, expect, it } from 'vitest'
import type { JourneyResponse } from '../../core/index.ts'
import { newTraceId } from '../../test/fixtures/spans.ts'
import { rethrow } from '../../test/fixtures/rethrow.ts'
import { stageOf, stageSpan as stage } from '../../test/fixtures/stage-spans.ts'
import { tableRef, sql, truncateTable } from '../../storage/index.ts'
import { keyRecogniser, createSpanStore } from '../../spans/index.ts'
import { journeySpans } from './migrations/0012-journey-spans.ts'
import { createJourneyStore } from '../journey-store.ts'
import { createJourneySpanBackfill } from './backfill.ts'
import { DEFAULT_JOURNEYS } from '../model/defaults.ts'
import { stageRecogniser } from '../model/stage-recogniser.ts'
import { embeddedWarehouse } from '../../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../../test/fixtures/topology.ts'

const MIN = 60_000
const target = TEST_TARGET
const warehouse = embeddedWarehouse('span-backfill', target)
const store = (tenant: string, records: Parameters<ReturnType<typeof createSpanStore>['insert']>[1]): Promise<void> =>
  createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS)).insert(
    tenant,
    records,
    'upgrade-1',
  )

describe('the journey-span index', () => {
  it('indexes the spans stored before it existed in the background, and lookups find them before and after', async () => {
    const keys = { 'retail.order.id': 'UPGRADE-1' }
    const traceId = newTraceId()
    await store('upgrade', [
      stage('order.placed', 30 * MIN, keys, { traceId }),
      stage('order.payment_authorized', 29 * MIN, keys, { traceId, system: 'payment', statusCode: 'error', statusMessage: 'declined' }),
    ])
    // As right after the upgrade: the spans are stored, the index has none of them, its log starts now.
    await warehouse.command(truncateTable(target, 'journey_spans'))
    await warehouse.command(truncateTable(target, 'journey_span_backfill'))
    for (const statement of journeySpans.statements(target)) await warehouse.command(statement)
    const indexed = async (): Promise<number> =>
      Number(
        (
          await warehouse.rows<{ n: string }>(
            sql`SELECT toString(count()) AS n FROM ${tableRef(target, 'journey_spans')} WHERE Tenant = 'upgrade'`,
          )
        )[0]!.n,
      )

    const backfill = createJourneySpanBackfill(warehouse, target, { onError: rethrow })
    const upgrading = createJourneyStore(warehouse, target, DEFAULT_JOURNEYS, { spanIndex: backfill })
    const expectAnswer = (found: JourneyResponse | undefined): void => {
      expect(stageOf(found, 'order.placed')).toMatchObject({ state: 'reached', ref: { traceId } })
      expect(stageOf(found, 'order.payment_authorized')).toMatchObject({ state: 'failed', failures: 1 })
      expect(found!.status).toBe('failed')
    }
    expectAnswer(await upgrading.lookup('upgrade', 'order', 'UPGRADE-1', new Date()))
    expect(await indexed()).toBe(0)

    while (!(await backfill.step())) {
      /* a day a step, newest first */
    }
    expect(backfill.indexedFromNs()).toBe('0')
    expect(await indexed()).toBe(2)
    expectAnswer(await upgrading.lookup('upgrade', 'order', 'UPGRADE-1', new Date()))
    // Done is logged: a restarted instance does no more work.
    const restarted = createJourneySpanBackfill(warehouse, target, { onError: rethrow })
    expect(await restarted.step()).toBe(true)
    expect(restarted.indexedFromNs()).toBe('0')
  })
})
