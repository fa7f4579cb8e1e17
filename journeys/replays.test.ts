/**
 * Replays in the journey, on the real engine: an order whose ERP message was dead-lettered and
 * later replayed reads dead-lettered, then replayed, then created in the ERP; one never replayed
 * stays failed with its dead letter waiting; a replay the ERP deduplicated (the document the
 * first delivery created) is no duplicate, one that created the order again is.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Attributes, JourneyResponse, SpanRecord } from '../core/index.ts'
import { stageSpan as stage } from '../test/fixtures/stage-spans.ts'
import { keyRecogniser, createSpanStore } from '../spans/index.ts'
import { createJourneyStore, type JourneyStore } from './journey-store.ts'
import { DEFAULT_JOURNEYS } from './model/defaults.ts'
import { stageRecogniser } from './model/stage-recogniser.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const MIN = 60_000
const warehouse = embeddedWarehouse('journey-replays', TEST_TARGET)
let journeys: JourneyStore

const order = (id: string): Attributes => ({ 'retail.order.id': id, 'retail.channel': 'web' })
const linkTo = (span: SpanRecord) => [{ traceId: span.traceId, spanId: span.spanId, traceState: '', attributes: {} }]

/** An order placed, paid and reserved, whose OMS sends it to the ERP 20 minutes ago. */
function orderSent(id: string): SpanRecord[] {
  return [
    stage('order.placed', 30 * MIN, order(id), { system: 'ecommerce' }),
    stage('order.payment_authorized', 29 * MIN, order(id), { system: 'payment' }),
    stage('order.inventory_reserved', 28 * MIN, order(id), { system: 'wms' }),
    stage('', 20 * MIN, order(id), { kind: 'producer', name: 'send sales-orders' }),
  ]
}

/** The ERP's processing of a message: a consumer span linked to the send, with what it did inside. */
function processed(send: SpanRecord, agoMs: number, id: string, outcome: { document?: string; deadLetter?: boolean }): SpanRecord[] {
  const consumer = stage('', agoMs, order(id), {
    system: 'erp',
    kind: 'consumer',
    name: 'process sales-orders',
    links: linkTo(send),
    ...(outcome.deadLetter
      ? {
          statusCode: 'error' as const,
          statusMessage: 'ack lost: period closed',
          attributes: { ...order(id), 'retail.dead_letter': 'true' },
        }
      : {}),
  })
  const created =
    outcome.document === undefined
      ? []
      : [
          stage(
            'order.erp_created',
            agoMs - 1000,
            { ...order(id), 'retail.erp.document.id': outcome.document },
            { system: 'erp', traceId: consumer.traceId, parentSpanId: consumer.spanId },
          ),
        ]
  return [consumer, ...created]
}

/** The operator's replay job re-sends the message, as the SDK's replay() does. */
function replayed(send: SpanRecord, agoMs: number, id: string): SpanRecord {
  return stage('', agoMs, order(id), {
    system: 'ops',
    kind: 'producer',
    name: 'send sales-orders',
    links: linkTo(send),
    attributes: { ...order(id), 'retail.replay.of': `${send.traceId}-${send.spanId}` },
  })
}

/** An order dead-lettered 19 minutes ago; `firstDocument` is what the dead-lettered delivery created before it failed. */
function deadLettered(id: string, firstDocument?: string): { spans: SpanRecord[]; send: SpanRecord } {
  const spans = orderSent(id)
  const send = spans.at(-1)!
  return {
    send,
    spans: [...spans, ...processed(send, 19 * MIN, id, { deadLetter: true, ...(firstDocument ? { document: firstDocument } : {}) })],
  }
}

function replayedAndProcessed(id: string, document: string, firstDocument?: string): SpanRecord[] {
  const { spans, send } = deadLettered(id, firstDocument)
  const replay = replayed(send, 10 * MIN, id)
  return [...spans, replay, ...processed(replay, 9 * MIN, id, { document })]
}

beforeAll(async () => {
  const spans = createSpanStore(warehouse, TEST_TARGET, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
  journeys = createJourneyStore(warehouse, TEST_TARGET, DEFAULT_JOURNEYS)
  await spans.insert(
    'acme',
    [
      ...replayedAndProcessed('WEB-HEALED', 'SO-6001'),
      ...deadLettered('WEB-PARKED').spans,
      ...replayedAndProcessed('WEB-DEDUP', 'SO-7001', 'SO-7001'),
      ...replayedAndProcessed('WEB-TWICE', 'SO-7102', 'SO-7101'),
    ],
    'replays-1',
  )
})

const lookup = (id: string): Promise<JourneyResponse | undefined> => journeys.lookup('acme', 'order', id, new Date())

describe('a dead-lettered message in the journey', () => {
  it('reads dead-lettered, then replayed, then created in the ERP, and the order moves on', async () => {
    const journey = await lookup('WEB-HEALED')
    const story = journey!.timeline.filter((entry) => entry.kind !== 'stage' || entry.stage === 'order.erp_created')
    expect(story.map((entry) => [entry.kind, entry.ref.system])).toEqual([
      ['dead_letter', 'erp'],
      ['replay', 'ops'],
      ['stage', 'erp'],
    ])
    expect(story[1]!.message).toBe('dead letter replayed by ops-service: processed')
    expect(journey!.problems).toEqual([
      expect.objectContaining({
        kind: 'dead_letter',
        message: 'ack lost: period closed',
        replay: expect.objectContaining({
          state: 'replay_succeeded',
          replays: 1,
          replay: expect.objectContaining({ service: 'ops-service' }),
        }),
      }),
    ])
    expect(journey!.status).not.toBe('failed')
    expect(journey!.currentStage).toBe('order.erp_created')
  })

  it('stays failed while its dead letter waits, and says for how long', async () => {
    const journey = await lookup('WEB-PARKED')
    expect(journey!.status).toBe('failed')
    expect(journey!.problems[0]!.replay).toEqual({ state: 'waiting', replays: 0, waitingMs: expect.any(Number) })
    expect(journey!.problems[0]!.replay!.waitingMs).toBeGreaterThanOrEqual(19 * MIN)
    expect(journey!.timeline.some((entry) => entry.kind === 'replay')).toBe(false)
  })

  it('is no duplicate when the ERP deduplicated the replay under the first delivery’s document, and is one when it did not', async () => {
    const dedup = await lookup('WEB-DEDUP')
    expect(dedup!.problems.map((problem) => problem.kind)).toEqual(['dead_letter'])
    const twice = await lookup('WEB-TWICE')
    expect(twice!.problems.map((problem) => problem.kind).sort()).toEqual(['dead_letter', 'duplicate'])
    expect(twice!.problems.find((problem) => problem.kind === 'duplicate')!.message).toContain('SO-7102')
  })
})
