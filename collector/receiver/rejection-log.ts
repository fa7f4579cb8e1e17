/**
 * The receiver's memory of what it refused: each tenant's newest refused spans, with why, and
 * counts by reason since the start. The sender was told in its partial success; this is for the
 * person who looks at the IT page afterwards and asks why a span never arrived.
 */
import type { SpanRejection } from '../otlp/index.ts'

/** Refused spans kept per tenant. */
const RECENT_PER_TENANT = 200

/** A refused span and when. */
export interface LoggedRejection extends SpanRejection {
  /** ISO 8601. */
  readonly at: string
}

/** Refusals by tenant, newest kept. */
export class RejectionLog {
  readonly #recent = new Map<string, LoggedRejection[]>()
  readonly #counts = new Map<string, Map<string, number>>()

  /** Records a request's refusals: `counts` covers them all, `samples` the first few in detail. */
  record(tenant: string, at: Date, counts: Readonly<Record<string, number | undefined>>, samples: readonly SpanRejection[]): void {
    const tally = this.#counts.get(tenant) ?? new Map<string, number>()
    for (const [reason, count] of Object.entries(counts)) if (count) tally.set(reason, (tally.get(reason) ?? 0) + count)
    this.#counts.set(tenant, tally)
    if (samples.length === 0) return
    const iso = at.toISOString()
    const recent = this.#recent.get(tenant) ?? []
    for (const sample of samples) recent.push({ ...sample, at: iso })
    this.#recent.set(tenant, recent.length > RECENT_PER_TENANT ? recent.slice(-RECENT_PER_TENANT) : recent)
  }

  /** A tenant's refusals by reason since the start. */
  counts(tenant: string): Readonly<Record<string, number>> {
    return Object.fromEntries(this.#counts.get(tenant) ?? [])
  }

  /** A tenant's newest refused spans, newest first. */
  recent(tenant: string, limit: number): LoggedRejection[] {
    return (this.#recent.get(tenant) ?? []).slice(-limit).reverse()
  }
}
