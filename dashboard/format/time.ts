/**
 * Timestamps in the reader's chosen zone (their own, or UTC: ./displayZone.ts), always with the
 * zone named, in one fixed layout (`2025-11-30 10:01:02.123 GMT+1`) whatever the browser's
 * locale, so columns line up.
 */
import { displayTimeZone } from './displayZone.ts'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = timeZone ?? ''
  let formatter = formatters.get(cacheKey)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
    formatters.set(cacheKey, formatter)
  }
  return formatter
}

/** The parts of a date in a zone, by part type. */
function partsOf(date: Date, timeZone: string | undefined): Record<string, string> {
  const parts: Record<string, string> = {}
  for (const part of formatterFor(timeZone ?? displayTimeZone()).formatToParts(date)) parts[part.type] = part.value
  return parts
}

/** An ISO timestamp as `YYYY-MM-DD HH:MM:SS.mmm ZONE` in the browser's zone (or `timeZone`); the text itself when it is not a date. */
export function formatTimestamp(iso: string, timeZone?: string): string {
  const date = new Date(iso)
  if (iso === '' || Number.isNaN(date.getTime())) return iso
  const p = partsOf(date, timeZone)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.${p.fractionalSecond} ${p.timeZoneName}`
}

/** The time of day of a date as `HH:MM:SS ZONE`, for "updated at" notes. */
export function formatClock(date: Date, timeZone?: string): string {
  const p = partsOf(date, timeZone)
  return `${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`
}

/** The zone times are shown in: the browser's IANA zone, such as `Europe/Paris`, or `UTC` when the reader picked it. */
export function localTimeZone(): string {
  return displayTimeZone() ?? Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** Milliseconds between two ISO timestamps; NaN when either is not a date. */
export function millisBetween(startIso: string, endIso: string): number {
  return new Date(endIso).getTime() - new Date(startIso).getTime()
}

/** A chart axis tick in the reader's zone: `HH:MM` for a window up to a day, `MM-DD HH:MM` beyond. */
export function formatAxisTime(ms: number, windowMs: number, timeZone?: string): string {
  const p = partsOf(new Date(ms), timeZone)
  return windowMs > 86_400_000 ? `${p.month}-${p.day} ${p.hour}:${p.minute}` : `${p.hour}:${p.minute}`
}
