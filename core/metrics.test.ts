import { describe, expect, it } from 'vitest'
import { MetricRegistry } from './metrics.ts'

describe('metric registry', () => {
  it('renders counters, gauges and histograms in the Prometheus text format', () => {
    const registry = new MetricRegistry()
    const rejected = registry.counter('spans_rejected_total', 'Rejected spans.')
    rejected.inc({ reason: 'too_large' })
    rejected.inc({ reason: 'too_large' }, 2)
    registry.gauge('spool_bytes', 'Spool size.', () => 42)
    registry.histogram('insert_seconds', 'Insert time.', [0.1, 1]).observe(0.5)
    expect(registry.render()).toBe([
      '# HELP spans_rejected_total Rejected spans.', '# TYPE spans_rejected_total counter', 'spans_rejected_total{reason="too_large"} 3',
      '# HELP spool_bytes Spool size.', '# TYPE spool_bytes gauge', 'spool_bytes 42',
      '# HELP insert_seconds Insert time.', '# TYPE insert_seconds histogram',
      'insert_seconds_bucket{le="0.1"} 0', 'insert_seconds_bucket{le="1"} 1', 'insert_seconds_bucket{le="+Inf"} 1', 'insert_seconds_sum 0.5', 'insert_seconds_count 1',
    ].join('\n') + '\n')
  })

  it('shows a counter that never moved as zero and escapes label values', () => {
    const registry = new MetricRegistry()
    registry.counter('sent_total', 'Sent.')
    registry.counter('odd_total', 'Odd.').inc({ name: 'a"b\\c' })
    expect(registry.render()).toContain('sent_total 0')
    expect(registry.render()).toContain('odd_total{name="a\\"b\\\\c"} 1')
  })
})
