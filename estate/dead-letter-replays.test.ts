import { beforeAll, describe, expect, it } from 'vitest'
import type { EstateMessagesResponse, SpanRecord } from '../core/index.ts'
import { keyRecogniser, createSpanStore } from '../spans/index.ts'
import { createEstateStore } from './estate-store.ts'
import { spanRecord } from '../test/fixtures/spans.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const target = TEST_TARGET
const warehouse = embeddedWarehouse('dead-letter-replays', target)
const NOW = Date.now()
const oms = { 'service.name': 'order-management', 'retail.system': 'oms' }
const erp = { 'service.name': 'erp-gateway', 'retail.system': 'erp' }
const ops = { 'service.name': 'dlq-replayer', 'retail.system': 'ops' }

const linkTo = (span: SpanRecord) => ({ traceId: span.traceId, spanId: span.spanId, traceState: '', attributes: {} })
const nameOf = (span: SpanRecord) => `${span.traceId}-${span.spanId}`

/** The OMS sends one order's message to the ERP. */
function send(order: string, agoMs: number): SpanRecord {
  return spanRecord({ kind: 'producer', name: 'send sales-orders', resource: oms, agoMs, attributes: { 'retail.order.id': order } })
}

/** The ERP processes a message of `producer`: linked to it (our SDK) or its child (amqplib, kafkajs). */
function process(
  producer: SpanRecord,
  agoMs: number,
  outcome: 'ok' | 'error' | 'dead_letter',
  shape: 'linked' | 'child' = 'linked',
  attributes: Record<string, string> = {},
): SpanRecord {
  return spanRecord({
    kind: 'consumer',
    name: 'process sales-orders',
    resource: erp,
    agoMs,
    ...(shape === 'linked' ? { links: [linkTo(producer)] } : { traceId: producer.traceId, parentSpanId: producer.spanId }),
    statusCode: outcome === 'ok' ? 'unset' : 'error',
    statusMessage: outcome === 'ok' ? '' : 'period closed',
    attributes: {
      'retail.order.id': producer.attributes['retail.order.id'] ?? '',
      'messaging.destination.name': 'sales-orders',
      ...(outcome === 'dead_letter' ? { 'retail.dead_letter': 'true' } : {}),
      ...attributes,
    },
  })
}

/** An operator's replay job re-sends a message, naming it as the SDK's replay() does, or only by a link. */
function replay(agoMs: number, names: { of?: string; links?: SpanRecord[] }): SpanRecord {
  return spanRecord({
    kind: 'producer',
    name: 'send sales-orders',
    resource: ops,
    agoMs,
    links: (names.links ?? []).map(linkTo),
    attributes: { 'messaging.destination.name': 'sales-orders', ...(names.of !== undefined ? { 'retail.replay.of': names.of } : {}) },
  })
}

const MIN = 60_000
// Each order's message is dead-lettered ten minutes ago; what follows differs.
const waiting = send('WEB-WAIT', 11 * MIN)
const waitingDead = process(waiting, 10 * MIN, 'dead_letter')
const healed = send('WEB-HEALED', 11 * MIN)
const healedDead = process(healed, 10 * MIN, 'dead_letter')
const healedReplay = replay(5 * MIN, { of: nameOf(healed), links: [healed] })
const failedAgain = send('WEB-AGAIN', 11 * MIN)
const failedAgainDead = process(failedAgain, 10 * MIN, 'dead_letter')
const againReplay = replay(5 * MIN, { of: nameOf(failedAgain), links: [failedAgain] })
const againDead = process(againReplay, 4 * MIN, 'dead_letter')
const pending = send('WEB-PENDING', 11 * MIN)
const pendingDead = process(pending, 10 * MIN, 'dead_letter')
// Named by a link to the dead-lettered span only; its processing is not in yet.
const pendingReplay = replay(MIN, { links: [pendingDead] })
// A stock instrumentation's shape: the consumer is the send's child; the replay names the message id.
const stock = send('WEB-STOCK', 11 * MIN)
const stockDead = process(stock, 10 * MIN, 'dead_letter', 'child', { 'messaging.message.id': 'msg-77' })
const stockReplay = replay(3 * MIN, { of: 'msg-77' })
const stockRetry = process(stockReplay, 2 * MIN + 1000, 'error', 'child')
const stockDone = process(stockReplay, 2 * MIN, 'ok', 'child')
// A send that links to the original before it was dead-lettered is not a replay of the dead letter.
const early = send('WEB-EARLY', 11 * MIN)
const earlyForward = replay(10.5 * MIN, { links: [early] })
const earlyDead = process(early, 10 * MIN, 'dead_letter')

const acme = [
  waiting,
  waitingDead,
  healed,
  healedDead,
  healedReplay,
  process(healedReplay, 4 * MIN, 'ok'),
  failedAgain,
  failedAgainDead,
  againReplay,
  againDead,
  pending,
  pendingDead,
  pendingReplay,
  stock,
  stockDead,
  stockReplay,
  stockRetry,
  stockDone,
  early,
  earlyForward,
  earlyDead,
]

let messages: EstateMessagesResponse

beforeAll(async () => {
  const spans = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }))
  await spans.insert('acme', acme, 'acme-replays')
  // Another tenant replays the message that acme still waits on: that is not acme's replay.
  await spans.insert('globex', [replay(MIN, { of: nameOf(waiting), links: [waiting] })], 'globex-replays')
  const estate = createEstateStore(warehouse, target)
  messages = await estate.messages({ tenant: 'acme', from: new Date(NOW - 60 * MIN), to: new Date(NOW + MIN) }, new Date(NOW))
})

const replayOf = (dead: SpanRecord) => messages.messages.find((message) => message.spanId === dead.spanId)?.replay

describe('dead letters followed to their outcome', () => {
  it('keeps a dead letter nobody replayed waiting, with its age, whatever another tenant replayed', () => {
    expect(replayOf(waitingDead)).toEqual({ state: 'waiting', replays: 0, waitingMs: expect.closeTo(10 * MIN, -3) })
    expect(replayOf(earlyDead)).toMatchObject({ state: 'waiting', replays: 0 })
  })

  it('follows a replay to its processing: succeeded, failed again, or not processed yet', () => {
    expect(replayOf(healedDead)).toMatchObject({
      state: 'replay_succeeded',
      replays: 1,
      replay: { traceId: healedReplay.traceId, spanId: healedReplay.spanId, service: 'dlq-replayer' },
    })
    expect(replayOf(failedAgainDead)).toMatchObject({ state: 'replay_failed', replays: 1 })
    // The replay that failed is a dead letter of its own, waiting for the next replay.
    expect(replayOf(againDead)).toMatchObject({ state: 'waiting' })
    expect(replayOf(pendingDead)).toMatchObject({ state: 'replayed', replays: 1, replay: { spanId: pendingReplay.spanId } })
    expect(replayOf(pendingDead)?.processedAt).toBeUndefined()
  })

  it('reads the stock instrumentations’ shape: a replay named by message id, processed by a child after a retry', () => {
    expect(replayOf(stockDead)).toMatchObject({
      state: 'replay_succeeded',
      replays: 1,
      processedAt: new Date(Math.floor(Number(stockDone.startTimeUnixNano / 1_000_000n))).toISOString(),
    })
  })

  it('counts the window’s dead letters by outcome, with the oldest one waiting', () => {
    expect(messages.replays).toEqual({
      waiting: 3,
      replayed: 1,
      replay_succeeded: 2,
      replay_failed: 1,
      oldestWaitingAt: new Date(Math.floor(Number(waitingDead.startTimeUnixNano / 1_000_000n))).toISOString(),
    })
    expect(messages.messages.filter((message) => message.problem === 'dead_letter').every((message) => message.replay)).toBe(true)
    expect(messages.messages.filter((message) => message.problem !== 'dead_letter').some((message) => message.replay)).toBe(false)
  })
})
