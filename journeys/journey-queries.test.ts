import { describe, expect, it } from 'vitest'
import type { SchemaTarget } from '../storage/index.ts'
import { ORDER_JOURNEY } from './model/defaults.ts'
import { pathStages } from './model/model.ts'
import { stageGraph } from './model/stage-graph.ts'
import { journeyListQuery } from './lists/list-query.ts'
import { journeySpansQuery, keyNeighboursQuery, matchRulePredicate } from './lookup/lookup-queries.ts'
import { journeyStatusQuery } from './status/status-query.ts'
import { liveJourneys, summarisedJourneys } from './summaries/journey-source.ts'

const target: SchemaTarget = { database: 'throughline', retentionDays: 30 }
const cluster: SchemaTarget = { ...target, cluster: { name: 'retail', replicated: true, onCluster: true } }

describe('journey query builders', () => {
  it('name each stage once, bind each SLA once per edge, and grow with the graph, not faster', () => {
    const query = journeyStatusQuery(target, 't', stageGraph(ORDER_JOURNEY), 1)
    expect(Object.values(query.params)).toContainEqual(pathStages(ORDER_JOURNEY).map((stage) => stage.name))
    const slas = Object.values(query.params).filter((value) => value === 3_600_000)
    expect(slas).toHaveLength(2) // order.invoiced: one hour after order.shipped or order.picked_up
    const long = {
      ...ORDER_JOURNEY,
      stages: Array.from({ length: 24 }, (_, i) => ({
        name: `order.s${i}`,
        after: i === 0 ? [] : [`order.s${i - 1}`],
        slaMs: 1000 + i,
        match: [],
      })),
    }
    expect(journeyStatusQuery(target, 't', stageGraph(long), 1).text.length).toBeLessThan(12 * query.text.length)
  })

  it('keep every value out of the SQL text, filters and keys included', () => {
    const hostile = "x' OR 1=1 --"
    const filter = {
      status: 'stalled',
      store: hostile,
      channel: hostile,
      region: hostile,
      fromMs: 5,
      toMs: 9,
      limit: 50,
      offset: 100,
      sort: 'oldest',
    } as const
    const list = journeyListQuery(liveJourneys(target, hostile, 1), [stageGraph(ORDER_JOURNEY)], filter)
    const summarised = journeyListQuery(
      summarisedJourneys(target, hostile, 1, new Map([['order', { definition: '42', watermarkMs: 7 }]])),
      [stageGraph(ORDER_JOURNEY)],
      filter,
    )
    const neighbours = keyNeighboursQuery(
      target,
      hostile,
      [{ key: 'retail.order.id', values: [hostile], allowed: ['retail.payment.id'] }],
      101,
    )
    const spans = journeySpansQuery(
      target,
      hostile,
      { traceIds: [hostile], fromNs: '1', toNs: '2', keyValues: [hostile], keyless: true },
      'spans',
      [{ service: hostile, attributes: { 'erp.doc': hostile } }],
      200,
      5000,
    )
    for (const query of [list.page, list.total, summarised.page, neighbours, spans]) {
      expect(query.text).not.toContain(hostile)
      expect(Object.values(query.params)).toContain(hostile)
    }
    expect(list.page.text).toContain('ORDER BY startedMs ASC')
    expect(list.page.text).toContain('SETTINGS optimize_and_compare_chain = 0')
    expect(summarised.total.text).toContain('FROM throughline.journey_summaries FINAL')
  })

  it('read the Distributed tables on a cluster', () => {
    expect(journeyStatusQuery(cluster, 't', stageGraph(ORDER_JOURNEY), 1).text).toContain('FROM throughline.journey_stages')
    expect(journeyStatusQuery(cluster, 't', stageGraph(ORDER_JOURNEY), 1).text).not.toContain('_local')
    expect(keyNeighboursQuery(cluster, 't', [{ key: 'k', values: ['v'], allowed: ['a'] }], 2).text).toContain('throughline.key_links')
  })

  it('turn match rules into a span filter, and no rules into none', () => {
    expect(matchRulePredicate([]).text).toBe('0')
    const predicate = matchRulePredicate([{ service: 'legacy-erp', span: 'SO.Create' }, { attributes: { 'erp.doc_type': 'SO' } }])
    expect(predicate.text).toBe('((ServiceName = {p0:String} AND SpanName = {p1:String}) OR (SpanAttributes[{p2:String}] = {p3:String}))')
    expect(predicate.params).toEqual({ p0: 'legacy-erp', p1: 'SO.Create', p2: 'erp.doc_type', p3: 'SO' })
  })
})
