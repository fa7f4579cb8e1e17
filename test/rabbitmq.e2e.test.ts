/**
 * Queues traced by stock OpenTelemetry instrumentation, as estates that already trace their
 * queues send them: a real RabbitMQ broker between a web order publisher (the SDK's init() with
 * OpenTelemetry's amqplib instrumentation) and an ERP consumer (OpenTelemetry's own NodeSDK with
 * the auto-instrumentations and the SDK's business-key span processor), and spans shaped exactly
 * as the kafkajs instrumentation makes them, for Kafka estates, which no broker here stands in
 * for. Stock instrumentations make the consumer's span a child of the producer's, not a link; the
 * platform must still see the message hop, its queue delay, the journey stage and the dead letter.
 */
import { Buffer } from 'node:buffer'
import { fileURLToPath } from 'node:url'
import { ROOT_CONTEXT, SpanKind, defaultTextMapSetter, trace, type TextMapGetter, type Tracer } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ApiSpan,
  EstateHop,
  EstateHopsResponse,
  EstateMessagesResponse,
  JourneyResponse,
  SearchResponse,
  TraceResponse,
} from '../core/index.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { startRabbitBroker, type RabbitBroker } from './fixtures/rabbitmq-broker.ts'
import { startService, type ServiceProcess } from './fixtures/service-process.ts'
import { eventually } from './fixtures/wait.ts'

/** Run in place, from the repository, where amqplib and the OpenTelemetry packages are installed. */
const SERVICES = fileURLToPath(new URL('./fixtures/services/', import.meta.url))
/** As fixtures/services/erp-order-queues.mjs declares them. */
const ORDERS_QUEUE = 'erp.orders'
const PUBLISHER = 'web-order-publisher'
const CONSUMER = 'erp-order-consumer'
/** Polls end well inside the test's own timeout, so a miss says what it waited for. */
const ARRIVES_WITHIN_MS = 30_000

interface Order {
  readonly id: string
  readonly amount: number
}
/** Published while no consumer runs: they wait in the queue until the ERP consumer starts. */
const BACKLOG: readonly Order[] = [
  { id: 'RMQ-1001', amount: 120 },
  { id: 'RMQ-1002', amount: 75.5 },
]
/** An order the ERP cannot take; it waits with the backlog. */
const POISON: Order = { id: 'RMQ-1003', amount: -5 }
/** Published once the consumer runs. */
const LIVE: readonly Order[] = [
  { id: 'RMQ-1004', amount: 40 },
  { id: 'RMQ-1005', amount: 12 },
]

let platform: PlatformProcess
let broker: RabbitBroker
let publisher: ServiceProcess | undefined
let consumer: ServiceProcess | undefined

beforeAll(async () => {
  // Side by side, as each takes seconds; whichever starts is kept for afterAll to stop.
  const [started, platformStarted] = await Promise.allSettled([startRabbitBroker(), startPlatformProcess(['--no-demo'])])
  if (started.status === 'fulfilled') broker = started.value
  if (platformStarted.status === 'fulfilled') platform = platformStarted.value
  if (started.status === 'rejected') throw started.reason
  if (platformStarted.status === 'rejected') throw platformStarted.reason
  console.log(`private RabbitMQ node ${broker.nodeName} accepted connections after ${broker.startedInMs} ms`)
})

afterAll(async () => {
  for (const service of [publisher, consumer]) if (service?.child.exitCode === null) service.child.kill()
  await Promise.all([broker?.stop(), platform?.stop()])
})

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${platform.url}${route}`, { headers: { authorization: `Bearer ${platform.apiToken}` } })
  if (response.status !== 200) throw new Error(`${route} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/** The message hop between two services once it counts `deliveries`; it must not count more. */
async function messageHop(from: string, to: string, deliveries: number): Promise<EstateHop> {
  const hop = await eventually(
    async () => {
      const { hops } = await api<EstateHopsResponse>('/api/estate/hops')
      return hops.find((h) => h.kind === 'message' && h.fromService === from && h.toService === to && h.count >= deliveries)
    },
    `a message hop ${from} → ${to} counting ${deliveries} deliveries`,
    ARRIVES_WITHIN_MS,
  )
  expect(hop.count).toBe(deliveries)
  return hop
}

/** The one trace of an order, from the web request to the ERP, once the consumer's stage span is in it. */
async function orderTrace(order: Order): Promise<TraceResponse> {
  return eventually(
    async () => {
      const found = await api<SearchResponse>(`/api/search?key=retail.order.id&value=${order.id}`)
      if (found.traces.length !== 1) return undefined
      const whole = await api<TraceResponse>(`/api/traces/${found.traces[0]!.traceId}`)
      return whole.spans.some((span) => span.service === CONSUMER && span.stage === 'order.erp_created') ? whole : undefined
    },
    `the trace of ${order.id} with the ERP consumer's spans`,
    ARRIVES_WITHIN_MS,
  )
}

function only(spans: readonly ApiSpan[], predicate: (span: ApiSpan) => boolean, what: string): ApiSpan {
  const matching = spans.filter(predicate)
  expect(matching, what).toHaveLength(1)
  return matching[0]!
}

/** The publish span and the consumer's process span of an order, from its trace. */
async function messageSpans(order: Order): Promise<{ publish: ApiSpan; processing: ApiSpan; spans: readonly ApiSpan[] }> {
  const { spans } = await orderTrace(order)
  const publish = only(spans, (span) => span.kind === 'producer', `the producer spans of ${order.id}`)
  const processing = only(spans, (span) => span.kind === 'consumer' && span.service === CONSUMER, `the consumer spans of ${order.id}`)
  return { publish, processing, spans }
}

/** Milliseconds from the start of `earlier` to the start of `later`. */
function startGapMs(earlier: ApiSpan, later: ApiSpan): number {
  return Number(BigInt(later.startTimeUnixNano) - BigInt(earlier.startTimeUnixNano)) / 1e6
}

async function journey(order: Order, until: (answer: JourneyResponse) => boolean, what: string): Promise<JourneyResponse> {
  return eventually(
    async () => {
      const answer = await api<JourneyResponse>(`/api/journeys/order/${order.id}`)
      return until(answer) ? answer : undefined
    },
    what,
    ARRIVES_WITHIN_MS,
  )
}

describe('RabbitMQ traced by the stock amqplib instrumentation', () => {
  let processed: string[]
  let deadLettered: { deadLettered: string; reason: string }
  let parked: Record<string, unknown>

  beforeAll(async () => {
    const env = { OTLP_ENDPOINT: platform.otlpUrl, INGEST_KEY: platform.ingestKey, AMQP_URL: broker.url }
    publisher = await startService(SERVICES, PUBLISHER, env)
    const place = async (order: Order): Promise<void> => {
      const answer = await fetch(`${publisher!.url}/orders?order=${order.id}&amount=${order.amount}`, { method: 'POST' })
      expect(answer.status, `placing ${order.id}: ${await answer.text()}`).toBe(202)
    }
    for (const order of [...BACKLOG, POISON]) await place(order)
    consumer = await startService(SERVICES, CONSUMER, env)
    for (const order of LIVE) await place(order)

    const good = [...BACKLOG, ...LIVE]
    const [consumed, rejected, reachedDeadLetterQueue] = await Promise.all([
      Promise.all(good.map(() => consumer!.next('consumed'))),
      consumer.next('deadLettered'),
      consumer.next('parked'),
    ])
    processed = consumed.map((message) => String(message.consumed))
    deadLettered = rejected as typeof deadLettered
    parked = reachedDeadLetterQueue
    expect(await publisher.stop()).toBe(0)
    expect(await consumer.stop()).toBe(0)
  })

  /** Every delivery the consumer took: the good orders, the poison one, and the poison one again from the dead-letter queue. */
  const deliveries = (): number => processed.length + 2

  it("continues the publisher's trace in the consumer, whose process span is the publish span's child and carries the order's key", async () => {
    expect(processed.toSorted()).toEqual([...BACKLOG, ...LIVE].map((order) => order.id).toSorted())
    for (const order of [BACKLOG[0]!, LIVE[0]!]) {
      const { publish, processing, spans } = await messageSpans(order)
      expect(publish).toMatchObject({ service: PUBLISHER, system: 'ecommerce', attributes: { 'messaging.system': 'rabbitmq' } })
      expect(processing).toMatchObject({ parentSpanId: publish.spanId, traceId: publish.traceId, links: [], system: 'erp' })
      expect(processing.name).toContain(ORDERS_QUEUE)
      // The consumer never names the key: it came in the message's headers as W3C baggage.
      expect(processing.businessKeys).toEqual({ 'retail.order.id': order.id })
      const created = only(spans, (span) => span.stage === 'order.erp_created', `the ERP stage of ${order.id}`)
      expect(created).toMatchObject({ parentSpanId: processing.spanId, businessKeys: { 'retail.order.id': order.id } })
    }
  })

  it('shows a message hop from the web publisher to the ERP consumer that counts every delivery and the dead letter', async () => {
    const hop = await messageHop(PUBLISHER, CONSUMER, deliveries())
    expect(hop).toMatchObject({ kind: 'message', fromSystem: 'ecommerce', toSystem: 'erp', errors: 1, deadLetters: 1, retries: 0 })
  })

  it('names the message hop by the queue the orders were sent to', async () => {
    const hop = await messageHop(PUBLISHER, CONSUMER, deliveries())
    // The publisher sends through the default exchange, whose routing key is the queue's name.
    expect(hop.operations).toEqual(expect.arrayContaining([ORDERS_QUEUE]))
  })

  it('measures the wait in the queue apart from the processing: the backlog waited far longer than it took to process', async () => {
    const hop = await messageHop(PUBLISHER, CONSUMER, deliveries())
    const delay = hop.queueDelay!
    expect(delay.p50Ms).toBeGreaterThan(0)
    expect(delay.p95Ms).toBeGreaterThanOrEqual(delay.p50Ms)
    // Latency runs on to the end of processing, so it is never shorter than the wait.
    expect(hop.p95Ms).toBeGreaterThanOrEqual(delay.p95Ms)

    const backlog = await Promise.all(BACKLOG.map(messageSpans))
    const live = await Promise.all(LIVE.map(messageSpans))
    const waits = (orders: typeof backlog): number[] => orders.map(({ publish, processing }) => startGapMs(publish, processing))
    const processingTimes = [...backlog, ...live].map(({ processing }) => processing.durationMs)
    for (const { publish, processing } of backlog) expect(startGapMs(publish, processing)).toBeGreaterThan(processing.durationMs)
    expect(Math.min(...waits(backlog))).toBeGreaterThan(Math.max(...waits(live)))
    expect(delay.p95Ms).toBeGreaterThan(Math.max(...processingTimes))
    console.log(
      `amqplib hop ${hop.fromService} → ${hop.toService} ${JSON.stringify(hop.operations)}: ${hop.count} deliveries, ` +
        `queue delay p50 ${delay.p50Ms} ms p95 ${delay.p95Ms} ms, latency p50 ${hop.p50Ms} ms p95 ${hop.p95Ms} ms; ` +
        `backlog waits ${waits(backlog).join(', ')} ms, live waits ${waits(live).join(', ')} ms, ` +
        `processing ${processingTimes.join(', ')} ms`,
    )
  })

  it("shows the ERP's stage on the order's journey, found by the key that reached the consumer as baggage", async () => {
    const order = BACKLOG[0]!
    const answer = await journey(
      order,
      (j) => j.stages.some((stage) => stage.name === 'order.erp_created' && stage.reached),
      `the ERP stage on the journey of ${order.id}`,
    )
    const stage = (name: string) => answer.stages.find((s) => s.name === name)
    expect(stage('order.placed')).toMatchObject({ reached: true, ref: { service: PUBLISHER, system: 'ecommerce' } })
    expect(stage('order.erp_created')).toMatchObject({ reached: true, ref: { service: CONSUMER, system: 'erp' } })
    expect(answer.currentSystem).toBe('erp')
    expect(answer.problems).toEqual([])
  })

  it('dead-letters the poison order to the parking queue and fails its journey', async () => {
    expect(deadLettered.deadLettered).toBe(POISON.id)
    // RabbitMQ's own record of the dead-lettering, read by the consumer of the parking queue.
    expect(parked).toEqual({ parked: POISON.id, from: ORDERS_QUEUE, reason: 'rejected' })
    const answer = await journey(POISON, (j) => j.status === 'failed', `the failed journey of ${POISON.id}`)
    expect(answer.problems).toEqual([expect.objectContaining({ kind: 'dead_letter', ref: expect.objectContaining({ service: CONSUMER }) })])
  })

  it('lists the dead-lettered order among failed messages with its queue and the reason the consumer gave', async () => {
    const listed = await eventually(
      async () =>
        (await api<EstateMessagesResponse>('/api/estate/failed-messages')).messages.find(
          (message) => message.businessKeys['retail.order.id'] === POISON.id,
        ),
      `${POISON.id} among failed messages`,
      ARRIVES_WITHIN_MS,
    )
    expect(listed).toMatchObject({ problem: 'dead_letter', service: CONSUMER, system: 'erp', kind: 'consumer' })
    const failed = await journey(POISON, (j) => j.problems.length > 0, `the problem on the journey of ${POISON.id}`)
    expect.soft(listed.destination, 'the destination in the failed-messages view').toBe(ORDERS_QUEUE)
    expect.soft(listed.message, 'the message in the failed-messages view').toContain(deadLettered.reason)
    expect.soft(failed.problems[0]!.message, "the dead letter's message on the journey").toContain(deadLettered.reason)
  })
})

/** What the kafkajs instrumentation 0.32 calls itself. */
const KAFKAJS_SCOPE = { name: '@opentelemetry/instrumentation-kafkajs', version: '0.32.0' }
const TOPIC = 'pos.sales'
/** Kafka delivers header values as Buffers; the kafkajs instrumentation reads them with this getter. */
const bufferGetter: TextMapGetter<Record<string, Buffer>> = {
  get: (carrier, key) => carrier[key]?.toString(),
  keys: (carrier) => Object.keys(carrier),
}

function kafkaService(target: PlatformProcess, service: string, system: string): { provider: BasicTracerProvider; tracer: Tracer } {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'retail.system': system }),
    spanProcessors: [
      new SimpleSpanProcessor(
        new OTLPTraceExporter({ url: `${target.otlpUrl}/v1/traces`, headers: { authorization: `Bearer ${target.ingestKey}` } }),
      ),
    ],
  })
  return { provider, tracer: provider.getTracer(KAFKAJS_SCOPE.name, KAFKAJS_SCOPE.version) }
}

describe('Kafka traced by the stock kafkajs instrumentation', () => {
  /** How long each sale waited on the topic, and how long the consumer's eachMessage took. */
  const WAITS_MS = [120, 240, 360]
  const PROCESSING_MS = 15

  beforeAll(async () => {
    // Spans as the instrumentation makes them for producer.send() and consumer.run({ eachMessage }),
    // with the context carried in the message's headers; the times are set, so the answer is known.
    const producer = kafkaService(platform, 'store-sales-publisher', 'pos')
    const consumer = kafkaService(platform, 'erp-sales-poster', 'erp')
    const propagator = new W3CTraceContextPropagator()
    const firstSentAt = Date.now() - 60_000
    WAITS_MS.forEach((wait, index) => {
      const sentAt = firstSentAt + index * 1_000
      const key = `sale-${index}`
      const send = producer.tracer.startSpan(`send ${TOPIC}`, {
        kind: SpanKind.PRODUCER,
        startTime: sentAt,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': TOPIC,
          'messaging.kafka.message.key': key,
          'messaging.operation.name': 'send',
          'messaging.operation.type': 'send',
        },
      })
      const headers: Record<string, string> = {}
      propagator.inject(trace.setSpan(ROOT_CONTEXT, send), headers, defaultTextMapSetter)
      send.end(sentAt + 4)
      const delivered = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)]))
      const processing = consumer.tracer.startSpan(
        `process ${TOPIC}`,
        {
          kind: SpanKind.CONSUMER,
          startTime: sentAt + wait,
          attributes: {
            'messaging.destination.partition.id': '0',
            'messaging.system': 'kafka',
            'messaging.destination.name': TOPIC,
            'messaging.operation.type': 'process',
            'messaging.operation.name': 'process',
            'messaging.kafka.message.key': key,
            'messaging.kafka.offset': String(41 + index),
          },
        },
        propagator.extract(ROOT_CONTEXT, delivered, bufferGetter),
      )
      processing.end(sentAt + wait + PROCESSING_MS)
    })
    await Promise.all([producer.provider.shutdown(), consumer.provider.shutdown()])
  })

  it('shows the topic hop from the POS to the ERP with its queue delay apart from the processing', async () => {
    const hop = await messageHop('store-sales-publisher', 'erp-sales-poster', WAITS_MS.length)
    expect(hop).toMatchObject({ kind: 'message', fromSystem: 'pos', toSystem: 'erp', operations: [TOPIC], errors: 0 })
    const delay = hop.queueDelay!
    expect(delay.p50Ms).toBe(240)
    expect(delay.p95Ms).toBeGreaterThan(240)
    expect(delay.p95Ms).toBeLessThanOrEqual(360)
    // Latency runs from the send to the end of processing: the wait plus the processing.
    expect(hop.p50Ms - delay.p50Ms).toBeCloseTo(PROCESSING_MS, 3)
    console.log(
      `kafkajs-shaped hop ${hop.fromService} → ${hop.toService} ${JSON.stringify(hop.operations)}: ${hop.count} messages, ` +
        `queue delay p50 ${delay.p50Ms} ms p95 ${delay.p95Ms} ms, latency p50 ${hop.p50Ms} ms p95 ${hop.p95Ms} ms`,
    )
  })
})
