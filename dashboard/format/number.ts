/** Counts and rates as the dashboard prints them. */

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** A count with thousands separators: `12,345`. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? counts.format(value) : '–'
}

/** A share of a whole as a percentage with one decimal (`2.5%`); `–` when the whole is zero. */
export function formatRate(part: number, whole: number): string {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0) return '–'
  return `${((part / whole) * 100).toFixed(1)}%`
}

const millis = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })

/** A millisecond figure for a column headed in ms: one decimal below 10 (`4.2`), whole above (`1,234`). */
export function formatMillis(ms: number): string {
  if (!Number.isFinite(ms)) return '–'
  return ms < 10 ? millis.format(ms) : counts.format(ms)
}

/** A rate per minute of `count` over `minutes`: one decimal below 10 (`0.4`), whole above (`26`). */
export function formatPerMinute(count: number, minutes: number): string {
  if (!Number.isFinite(count) || !(minutes > 0)) return '–'
  const rate = count / minutes
  return rate < 10 ? millis.format(rate) : counts.format(rate)
}
