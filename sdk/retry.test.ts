import { SpanStatusCode, trace } from '@opentelemetry/api'
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { deadLetter, recordRetry } from './retry.ts'

const exporter = new InMemorySpanExporter()
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register()
const tracer = trace.getTracer('test')

beforeEach(() => exporter.reset())

describe('recordRetry', () => {
  it('sets the attempt on the active span and keeps an event per attempt with its error', () => {
    tracer.startActiveSpan('erp.post_invoice', (span) => {
      recordRetry(1, new Error('503 from ERP'))
      recordRetry(2)
      span.end()
    })
    const [span] = exporter.getFinishedSpans()
    expect(span?.attributes['retail.retry.attempt']).toBe(2)
    expect(span?.status.code).toBe(SpanStatusCode.UNSET)
    expect(span?.events.map((event) => event.name)).toEqual(['retail.retry', 'retail.retry'])
    expect(span?.events[0]?.attributes).toEqual({
      'retail.retry.attempt': 1,
      'exception.type': 'Error',
      'exception.message': '503 from ERP',
    })
  })

  it('warns once and records nothing outside a span', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    recordRetry(1)
    recordRetry(2)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(exporter.getFinishedSpans()).toHaveLength(0)
  })
})

describe('deadLetter', () => {
  it('marks the active span dead-lettered with error status and the reason', () => {
    tracer.startActiveSpan('process settlement', (span) => {
      deadLetter('schema validation failed')
      span.end()
    })
    const [span] = exporter.getFinishedSpans()
    expect(span?.attributes['retail.dead_letter']).toBe(true)
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'schema validation failed' })
    expect(span?.events[0]).toMatchObject({
      name: 'retail.dead_letter',
      attributes: { 'retail.dead_letter.reason': 'schema validation failed' },
    })
  })
})
