/**
 * Readiness that costs the engine one statement every few seconds however often it is asked:
 * a load balancer probing `/readyz` many times a second shares one answer, and concurrent
 * probes share the statement in flight.
 */

/** How long one answer of the probe stands. */
const READINESS_TTL_MS = 5_000

/** A readiness check over `probe`, asked at most once per `ttlMs`. */
export function cachedReadiness(
  probe: () => Promise<boolean>,
  ttlMs = READINESS_TTL_MS,
  clock: () => number = Date.now,
): () => Promise<boolean> {
  let answer: { ready: Promise<boolean>; at: number } | undefined
  return () => {
    const now = clock()
    if (!answer || now - answer.at >= ttlMs) answer = { ready: probe().catch(() => false), at: now }
    return answer.ready
  }
}
