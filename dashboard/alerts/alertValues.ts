/** An alert's measured value and threshold in the unit of its rule: milliseconds, a share of spans, or a count. */
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'

/** A rule's value as people read it: `2.31 s` for latency, `7.5%` for an error rate, `12` otherwise. */
export function formatAlertValue(ruleType: string, value: number): string {
  if (!Number.isFinite(value)) return '–'
  if (ruleType === 'latency' || ruleType === 'queue_delay') return formatDuration(value)
  if (ruleType === 'error_rate') return `${(value * 100).toFixed(1)}%`
  return Number.isInteger(value) ? formatCount(value) : value.toFixed(2)
}

/** The silence lengths offered, as the API's `for` takes them. */
export const SILENCE_CHOICES = ['30m', '1h', '2h', '4h', '1d'] as const
