import { SpanStatusCode, trace } from '@opentelemetry/api'
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { hrTimeToNanoseconds } from '@opentelemetry/core'
import { beforeEach, describe, expect, it } from 'vitest'
import { withBusinessKeys } from './business-keys.ts'
import { businessKeySpanProcessor } from './span-processor.ts'
import { stage } from './stage.ts'

const exporter = new InMemorySpanExporter()
new NodeTracerProvider({ spanProcessors: [businessKeySpanProcessor(), new SimpleSpanProcessor(exporter)] }).register()

function only(name: string): ReadableSpan {
  const spans = exporter.getFinishedSpans().filter((span) => span.name === name)
  expect(spans).toHaveLength(1)
  return spans[0]!
}

beforeEach(() => exporter.reset())

describe('stage', () => {
  it('marks a stage with a zero-duration span carrying the stage, attributes and keys', () => {
    withBusinessKeys({ 'retail.order.id': 'A1' }, () => stage('order.placed', { 'retail.amount': 99.5 }))
    const span = only('order.placed')
    expect(span.attributes).toMatchObject({ 'retail.journey.stage': 'order.placed', 'retail.amount': 99.5, 'retail.order.id': 'A1' })
    expect(hrTimeToNanoseconds(span.duration)).toBe(0)
  })

  it('runs fn inside the stage span, so spans within are its children, and returns its result', () => {
    const result = stage(
      'order.erp_created',
      (span) => {
        span.setAttribute('retail.erp.document.id', 'D1')
        trace.getTracer('test').startSpan('erp.post').end()
        return 'posted'
      },
      { 'retail.system': 'erp' },
    )
    expect(result).toBe('posted')
    const parent = only('order.erp_created')
    expect(parent.attributes).toMatchObject({
      'retail.journey.stage': 'order.erp_created',
      'retail.system': 'erp',
      'retail.erp.document.id': 'D1',
    })
    expect(only('erp.post').parentSpanContext?.spanId).toBe(parent.spanContext().spanId)
  })

  it('ends the span when an async fn settles', async () => {
    let finishedEarly = true
    const done = stage('order.shipped', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      finishedEarly = exporter.getFinishedSpans().length > 0
      return 7
    })
    await expect(done).resolves.toBe(7)
    expect(finishedEarly).toBe(false)
    expect(hrTimeToNanoseconds(only('order.shipped').duration)).toBeGreaterThan(15_000_000)
  })

  it('records a throw as an exception and error status, and rethrows it', () => {
    expect(() =>
      stage('order.invoiced', () => {
        throw new TypeError('no tax code')
      }),
    ).toThrow('no tax code')
    const span = only('order.invoiced')
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'no tax code' })
    expect(span.events[0]?.name).toBe('exception')
    expect(span.events[0]?.attributes?.['exception.type']).toBe('TypeError')
  })

  it('records a rejection the same way', async () => {
    await expect(stage('return.refunded', () => Promise.reject(new Error('card expired')))).rejects.toThrow('card expired')
    expect(only('return.refunded').status.code).toBe(SpanStatusCode.ERROR)
  })
})
