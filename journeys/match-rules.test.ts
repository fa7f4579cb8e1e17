import { describe, expect, it } from 'vitest'
import { spanRecord } from '../test/fixtures/spans.ts'
import { stageOf, stageSpan as stage } from '../test/fixtures/stage-spans.ts'
import { keyRecogniser, createSpanStore } from '../spans/index.ts'
import { createJourneyStore } from './journey-store.ts'
import { DEFAULT_JOURNEYS } from './model/defaults.ts'
import { stageRecogniser } from './model/stage-recogniser.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const MIN = 60_000
const target = TEST_TARGET
const warehouse = embeddedWarehouse('match-rules', target)
const store = (tenant: string, records: Parameters<ReturnType<typeof createSpanStore>['insert']>[1]): Promise<void> =>
  createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS)).insert(
    tenant,
    records,
    'rules-1',
  )

describe('match rules', () => {
  const legacy = DEFAULT_JOURNEYS.map((j) =>
    j.type !== 'order'
      ? j
      : {
          ...j,
          stages: j.stages.map((s) =>
            s.name === 'order.erp_created' ? { ...s, match: [{ service: 'legacy-erp', span: 'SO.Create' }] } : s,
          ),
        },
  )

  it('map spans of a service that cannot set the stage, on insert and for spans stored before the rule', async () => {
    const before = spanRecord({
      agoMs: 5 * MIN,
      name: 'SO.Create',
      attributes: { 'retail.order.id': 'LEGACY-1' },
      resource: { 'service.name': 'legacy-erp' },
    })
    await store('rules', [stage('order.placed', 10 * MIN, { 'retail.order.id': 'LEGACY-1' }), before])
    const ruled = createJourneyStore(warehouse, target, legacy)
    expect(stageOf(await ruled.lookup('rules', 'order', 'LEGACY-1', new Date()), 'order.erp_created')).toMatchObject({
      state: 'reached',
      ref: { service: 'legacy-erp' },
    })

    const mapped = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(legacy))
    await mapped.insert(
      'rules',
      [
        spanRecord({
          agoMs: MIN,
          name: 'SO.Create',
          attributes: { 'retail.order.id': 'LEGACY-2' },
          resource: { 'service.name': 'legacy-erp' },
        }),
      ],
      'rules-2',
    )
    const listed = await ruled.list('rules', 'order', { limit: 5, offset: 0, sort: 'newest' }, new Date())
    expect(listed.journeys.find((j) => j.key === 'LEGACY-2')).toMatchObject({ currentStage: 'order.erp_created' })
  })
})
