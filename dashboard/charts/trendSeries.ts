/**
 * What a trend chart draws: rows of one time bucket each (`at`, epoch milliseconds) with a value
 * per series, and the series themselves: a line, a step line (a running total) or a bar, stacked
 * bars sharing a stack. A bucket without a value shows a gap, not a made-up zero.
 */

/** How a series is drawn. */
export type TrendKind = 'line' | 'step' | 'bar'

/** One series of a trend chart. */
export interface TrendSeries {
  /** The row field it reads. */
  readonly key: string
  readonly label: string
  readonly kind: TrendKind
  /** A CSS colour; the palette's variables follow the page's theme. */
  readonly color: string
  /** Bars with the same stack pile up. */
  readonly stack?: string
  /** Drawn dashed: a target or a limit rather than a measure. */
  readonly dashed?: boolean
}

/** One bucket: its start in epoch ms and a value per series key. */
export type TrendRow = { readonly at: number } & Readonly<Record<string, number | undefined>>

/** Colours for series without a meaning of their own, as CSS variables of the theme. */
export const SERIES_COLORS: readonly string[] = Array.from({ length: 8 }, (_, i) => `var(--series-${i + 1})`)

/** The colour of the i-th series. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length]!
}

/** Rows keyed by bucket, merged from per-series points, oldest first. */
export function mergeRows(
  points: readonly { readonly key: string; readonly at: number; readonly value: number | undefined }[],
): TrendRow[] {
  const rows = new Map<number, Record<string, number | undefined>>()
  for (const point of points) {
    const row = rows.get(point.at) ?? { at: point.at }
    row[point.key] = point.value
    rows.set(point.at, row)
  }
  return [...rows.values()].sort((a, b) => (a.at ?? 0) - (b.at ?? 0)) as TrendRow[]
}

/** A running total's rows carried to the window's end, so its step line reaches the present. */
export function carriedToEnd(rows: readonly TrendRow[], toMs: number): TrendRow[] {
  const last = rows.at(-1)
  return last === undefined || last.at >= toMs ? [...rows] : [...rows, { ...last, at: toMs }]
}

/** The window a drag selected between two buckets, in either direction, the later bucket included. */
export function zoomWindow(startAt: number, endAt: number, stepMs: number): { readonly fromMs: number; readonly toMs: number } | undefined {
  if (startAt === endAt) return undefined
  return { fromMs: Math.min(startAt, endAt), toMs: Math.max(startAt, endAt) + stepMs }
}
