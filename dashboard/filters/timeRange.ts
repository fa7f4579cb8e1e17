/**
 * The time range a page shows, as the address bar keeps it: a rolling range (`?range=6h`, the
 * last hour by default) that moves with the clock on every refresh, or a fixed one
 * (`?from=…&to=…`, ISO times). The query API accepts seven days at most.
 */

/** The rolling ranges offered, shortest first. */
export const RANGE_KEYS = ['15m', '1h', '6h', '24h', '7d'] as const

/** A rolling range such as the last hour. */
export type RangeKey = (typeof RANGE_KEYS)[number]

/** A rolling range, or a fixed window in epoch milliseconds. */
export type TimeRange =
  { readonly kind: 'rolling'; readonly key: RangeKey } | { readonly kind: 'fixed'; readonly fromMs: number; readonly toMs: number }

/** A concrete window in epoch milliseconds. */
export interface TimeWindow {
  readonly fromMs: number
  readonly toMs: number
}

/** The longest window the query API accepts. */
const MAX_RANGE_MS = 7 * 86_400_000

const RANGE_MS: Readonly<Record<RangeKey, number>> = {
  '15m': 900_000,
  '1h': 3_600_000,
  '6h': 21_600_000,
  '24h': 86_400_000,
  '7d': MAX_RANGE_MS,
}
const RANGE_LABELS: Readonly<Record<RangeKey, string>> = {
  '15m': 'last 15 minutes',
  '1h': 'last hour',
  '6h': 'last 6 hours',
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
}

/** The range when the address names none. */
const DEFAULT_RANGE: TimeRange = { kind: 'rolling', key: '1h' }

function isRangeKey(value: string | null): value is RangeKey {
  return value !== null && (RANGE_KEYS as readonly string[]).includes(value)
}

/** The range the query string names; the last hour when it names none or one the API would refuse. */
export function parseTimeRange(query: URLSearchParams): TimeRange {
  const range = query.get('range')
  if (isRangeKey(range)) return { kind: 'rolling', key: range }
  const fromMs = Date.parse(query.get('from') ?? '')
  const toMs = Date.parse(query.get('to') ?? '')
  if (Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs < toMs && toMs - fromMs <= MAX_RANGE_MS)
    return { kind: 'fixed', fromMs, toMs }
  return DEFAULT_RANGE
}

/** The window a range covers at `nowMs`. */
export function windowOf(range: TimeRange, nowMs: number): TimeWindow {
  return range.kind === 'fixed' ? { fromMs: range.fromMs, toMs: range.toMs } : { fromMs: nowMs - RANGE_MS[range.key], toMs: nowMs }
}

/** How long a range is, in milliseconds. */
export function rangeLengthMs(range: TimeRange): number {
  return range.kind === 'fixed' ? range.toMs - range.fromMs : RANGE_MS[range.key]
}

/** The query-string entries that keep a range (none for the default). */
export function rangeParams(range: TimeRange): Record<string, string | undefined> {
  if (range.kind === 'fixed')
    return { range: undefined, from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString() }
  return { range: range.key === '1h' ? undefined : range.key, from: undefined, to: undefined }
}

/** The fixed range a rolling one covers at `nowMs`, so a link to it shows the same window later (a `6h` link drifts). */
export function pinned(range: TimeRange, nowMs: number): TimeRange {
  return range.kind === 'fixed' ? range : { kind: 'fixed', ...windowOf(range, nowMs) }
}

/** A fixed range from two `datetime-local` values in the browser's zone; undefined unless it is one the API takes. */
export function customRange(fromText: string, toText: string): TimeRange | undefined {
  const fromMs = new Date(fromText).getTime()
  const toMs = new Date(toText).getTime()
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs || toMs - fromMs > MAX_RANGE_MS) return undefined
  return { kind: 'fixed', fromMs, toMs }
}

/** A range in words: "last hour", or the fixed window's ends. */
export function rangeLabel(range: TimeRange): string {
  if (range.kind === 'rolling') return RANGE_LABELS[range.key]
  return `${new Date(range.fromMs).toISOString().slice(0, 16).replace('T', ' ')} to ${new Date(range.toMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** A stable name for a range, which changes only when the range does (not with the clock). */
export function rangeId(range: TimeRange): string {
  return range.kind === 'rolling' ? range.key : `${range.fromMs}-${range.toMs}`
}

/** The range's label for a select box. */
export function rangeOptionLabel(key: RangeKey): string {
  return RANGE_LABELS[key]
}
