/** The waterfall's geometry: where each span's bar starts and how wide it is, in percent of the trace. */
import type { ApiSpan } from '../../core/index.ts'
import { millisToNanos, nanosToMillis, parseNanos } from './nanos.ts'

/** The fields the timeline needs from a span. */
export type TimedSpan = Pick<ApiSpan, 'startTimeUnixNano' | 'durationMs'>

/** The extent of a trace: its first start and last end. */
export interface TraceBounds {
  readonly startNanos: bigint
  readonly endNanos: bigint
  readonly durationMs: number
}

/** A bar's position in percent of the trace width. */
export interface BarPosition {
  readonly leftPct: number
  readonly widthPct: number
}

/** One labelled mark on the time axis. */
export interface AxisTick {
  readonly ms: number
  readonly pct: number
}

/** The first start and the last end over the spans of a trace. */
export function traceBounds(spans: readonly TimedSpan[]): TraceBounds {
  let start: bigint | undefined
  let end: bigint | undefined
  for (const span of spans) {
    const spanStart = parseNanos(span.startTimeUnixNano)
    const spanEnd = spanStart + millisToNanos(span.durationMs)
    if (start === undefined || spanStart < start) start = spanStart
    if (end === undefined || spanEnd > end) end = spanEnd
  }
  const startNanos = start ?? 0n
  const endNanos = end ?? startNanos
  return { startNanos, endNanos, durationMs: nanosToMillis(endNanos - startNanos) }
}

/** How long after the trace began a span started, in milliseconds. */
export function offsetMs(span: TimedSpan, bounds: TraceBounds): number {
  return nanosToMillis(parseNanos(span.startTimeUnixNano) - bounds.startNanos)
}

/**
 * A span's bar scaled to the trace. Very short spans keep a minimum width so they stay visible
 * and clickable, and a bar never runs past the right edge.
 */
export function scaleBar(offset: number, duration: number, total: number, minWidthPct = 0.5): BarPosition {
  if (!(total > 0)) return { leftPct: 0, widthPct: 100 }
  const widthPct = clamp((Math.max(0, duration) / total) * 100, minWidthPct, 100)
  const leftPct = Math.min(clamp((offset / total) * 100, 0, 100), 100 - widthPct)
  return { leftPct, widthPct }
}

/** Evenly spaced marks from 0 to the trace's length, for the axis above the bars. */
export function axisTicks(total: number, intervals = 4): AxisTick[] {
  const count = Math.max(1, Math.floor(intervals))
  const span = total > 0 ? total : 0
  return Array.from({ length: count + 1 }, (_, i) => ({ ms: (span * i) / count, pct: (100 * i) / count }))
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}
