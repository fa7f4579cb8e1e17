/** Exact span times: the API sends nanoseconds since the epoch as decimal strings. */

/** A nanosecond timestamp string as a bigint; 0n when it is not a whole number. */
export function parseNanos(text: string): bigint {
  return /^\d+$/.test(text) ? BigInt(text) : 0n
}

/** A duration in milliseconds as whole nanoseconds. */
export function millisToNanos(ms: number): bigint {
  return Number.isFinite(ms) && ms > 0 ? BigInt(Math.round(ms * 1e6)) : 0n
}

/** The difference `later - earlier` of two nanosecond timestamps, in milliseconds. */
export function nanosToMillis(nanos: bigint): number {
  return Number(nanos) / 1e6
}
