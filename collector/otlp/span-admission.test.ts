import { describe, expect, it } from 'vitest'
import { decodeJsonTraces } from './decode-json.ts'
import { admitSpans } from './span-admission.ts'
import { DEFAULT_DECODE_LIMITS } from './span-validation.ts'

const NOW = Date.parse('2026-12-07T12:00:00Z')
const NOW_NANOS = BigInt(NOW) * 1_000_000n
const WINDOW = { maxAgeMs: 30 * 86_400_000, maxAheadMs: 86_400_000 }

const request = (spans: object[]): string =>
  JSON.stringify({
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'pos' } }] }, scopeSpans: [{ spans }] }],
  })
const span = (id: number, start: bigint, extra: object = {}) => ({
  traceId: '0102030405060708090a0b0c0d0e0f10',
  spanId: id.toString(16).padStart(16, '0'),
  name: `s${id}`,
  startTimeUnixNano: String(start),
  endTimeUnixNano: String(start),
  ...extra,
})

describe('span admission', () => {
  it('keeps spans inside the window untouched and refuses the rest with a reason each', () => {
    const decoded = decodeJsonTraces(
      request([
        span(1, NOW_NANOS),
        span(2, NOW_NANOS - 31n * 86_400_000_000_000n),
        span(3, NOW_NANOS + 2n * 86_400_000_000_000n),
        span(4, 0n),
      ]),
    )
    const admitted = admitSpans(decoded, WINDOW, NOW, DEFAULT_DECODE_LIMITS)
    expect(admitted.spans.map((s) => s.name)).toEqual(['s1'])
    expect(admitted.rejectedByReason).toEqual({ start_time_too_old: 1, start_time_in_future: 1, start_time_missing: 1 })
    expect(admitted.rejections.map((r) => [r.name, r.service])).toEqual([
      ['s2', 'pos'],
      ['s3', 'pos'],
      ['s4', 'pos'],
    ])
    expect(admitted.rejectionMessage).toMatch(/older than the retention/)
  })

  it('answers the same result when nothing is refused', () => {
    const decoded = decodeJsonTraces(request([span(1, NOW_NANOS)]))
    expect(admitSpans(decoded, WINDOW, NOW, DEFAULT_DECODE_LIMITS)).toBe(decoded)
  })

  it('moves event times the store cannot hold to the span start', () => {
    const decoded = decodeJsonTraces(
      request([
        span(1, NOW_NANOS, {
          events: [
            { name: 'none' },
            { name: 'far', timeUnixNano: '18446744073709551615' },
            { name: 'ok', timeUnixNano: String(NOW_NANOS + 5n) },
          ],
        }),
      ]),
    )
    const [kept] = admitSpans(decoded, WINDOW, NOW, DEFAULT_DECODE_LIMITS).spans
    expect(kept!.events.map((e) => e.timeUnixNano)).toEqual([NOW_NANOS, NOW_NANOS, NOW_NANOS + 5n])
  })
})
