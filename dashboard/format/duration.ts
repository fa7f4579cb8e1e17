/** Durations in the unit a person reads fastest: µs, ms and s with three significant digits, then minutes and hours. */

/** A duration given in milliseconds, as `850 µs`, `12.3 ms`, `1.5 s`, `2m 05s` or `1h 02m`; `–` when it is not a duration. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–'
  if (ms === 0) return '0 ms'
  if (ms < 1) {
    const micros = Math.round(ms * 1000)
    if (micros < 1000) return `${micros} µs`
  }
  const millis = threeDigits(ms)
  if (millis < 1000) return `${millis} ms`
  const seconds = threeDigits(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const totalSeconds = Math.round(ms / 1000)
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${twoDigits(totalSeconds % 60)}s`
  const totalMinutes = Math.round(totalSeconds / 60)
  return `${Math.floor(totalMinutes / 60)}h ${twoDigits(totalMinutes % 60)}m`
}

function threeDigits(value: number): number {
  // Number() drops the trailing zeros toPrecision keeps ("5.00" reads as "5").
  return Number(value.toPrecision(3))
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0')
}
