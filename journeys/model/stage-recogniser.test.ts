import { describe, expect, it } from 'vitest'
import { DEFAULT_JOURNEYS, ORDER_JOURNEY } from './defaults.ts'
import { stageRecogniser } from './stage-recogniser.ts'
import { stageGraph } from './stage-graph.ts'

describe('stage recogniser', () => {
  const legacy = {
    ...ORDER_JOURNEY,
    stages: ORDER_JOURNEY.stages.map((stage) =>
      stage.name === 'order.erp_created'
        ? { ...stage, match: [{ service: 'legacy-erp', span: 'SO.Create' }, { attributes: { 'erp.doc_type': 'SO' } }] }
        : stage,
    ),
  }
  const recogniser = stageRecogniser([legacy, ...DEFAULT_JOURNEYS.slice(1)])

  it("takes the span's own retail.journey.stage first", () => {
    expect(recogniser.stageOf({ service: 'legacy-erp', name: 'SO.Create', attributes: { 'retail.journey.stage': 'order.invoiced' } })).toBe(
      'order.invoiced',
    )
  })

  it('maps spans of services that cannot set the stage by service and span name, or by attributes', () => {
    expect(recogniser.stageOf({ service: 'legacy-erp', name: 'SO.Create', attributes: {} })).toBe('order.erp_created')
    expect(recogniser.stageOf({ service: 'other', name: 'x', attributes: { 'erp.doc_type': 'SO' } })).toBe('order.erp_created')
    expect(recogniser.stageOf({ service: 'legacy-erp', name: 'SO.Update', attributes: {} })).toBe('')
    expect(recogniser.rules).toHaveLength(2)
  })
})

describe('stage graph', () => {
  it("knows the order journey's branches, what follows each stage and where it ends", () => {
    const graph = stageGraph(ORDER_JOURNEY)
    const names = (indexes: readonly number[]) => indexes.map((i) => graph.stages[i]!.name)
    expect(names(graph.terminals)).toEqual(['order.invoiced'])
    expect(names(graph.predecessors[graph.indexOf.get('order.invoiced')!]!)).toEqual(['order.shipped', 'order.picked_up'])
    expect(names(graph.descendants[graph.indexOf.get('order.erp_created')!]!)).toEqual([
      'order.shipped',
      'order.ready_for_pickup',
      'order.picked_up',
      'order.invoiced',
    ])
  })
})
