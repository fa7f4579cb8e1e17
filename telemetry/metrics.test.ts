import { describe, expect, it } from 'vitest'
import { collectProcessMetrics, counter, gauge, histogram, MetricRegistry, metricsText } from './metrics.ts'

describe('metrics', () => {
  it('renders counters, gauges read at scrape time and histograms in the Prometheus text format', async () => {
    const registry = new MetricRegistry()
    const rejected = counter(registry, { name: 'spans_rejected_total', help: 'Rejected spans.', labelNames: ['reason'] })
    rejected.inc({ reason: 'too_large' })
    rejected.inc({ reason: 'too_large' }, 2)
    let spooled = 42
    gauge(registry, {
      name: 'spool_bytes',
      help: 'Spool size.',
      collect() {
        this.set(spooled)
      },
    })
    histogram(registry, { name: 'insert_seconds', help: 'Insert time.', buckets: [0.1, 1] }).observe(0.5)
    spooled = 43
    const { body, contentType } = await metricsText(registry)
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(body).toContain('spans_rejected_total{reason="too_large"} 3')
    expect(body).toContain('spool_bytes 43')
    expect(body).toContain(
      'insert_seconds_bucket{le="0.1"} 0\ninsert_seconds_bucket{le="1"} 1\ninsert_seconds_bucket{le="+Inf"} 1\ninsert_seconds_sum 0.5\ninsert_seconds_count 1',
    )
  })

  it('gives two features that count into one series the same counter', async () => {
    const registry = new MetricRegistry()
    counter(registry, { name: 'quarantined_total', help: 'Quarantined.', labelNames: ['reason'] }).inc({ reason: 'unparsable' })
    counter(registry, { name: 'quarantined_total', help: 'Quarantined.', labelNames: ['reason'] }).inc({ reason: 'unparsable' })
    expect((await metricsText(registry)).body).toContain('quarantined_total{reason="unparsable"} 2')
  })

  it('adds the heap, event-loop lag, GC and CPU figures operators expect', async () => {
    const registry = new MetricRegistry()
    collectProcessMetrics(registry)
    const { body } = await metricsText(registry)
    for (const series of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_gc_duration_seconds',
      'nodejs_active_handles_total',
    ]) {
      expect(body).toContain(`# TYPE ${series} `)
    }
  })
})
