/**
 * One hop, opened from the estate map or the hops table: its operations, throughput, latency,
 * errors, retries, dead letters and queue wait, the failed traces that crossed it, and for a
 * message hop the deliveries that failed, were retried or were dead-lettered on it.
 */
import type { EstateHopsResponse, EstateMessagesResponse, EstateTracesResponse } from '../../core/index.ts'
import { estatePath } from '../api/estatePaths.ts'
import type { PollState } from '../api/pollState.ts'
import { useRangePolling } from '../api/useRangePolling.ts'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { isHop, type HopRef } from '../estate/hopRef.ts'
import type { PageFilters } from '../filters/pageFilters.ts'
import { rangeLengthMs } from '../filters/timeRange.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount, formatPerMinute, formatRate } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { MessageTable } from './FailedMessages.tsx'
import { TraceListTable } from './TraceListTable.tsx'

/** Props of the hop details. */
export interface HopDetailsProps {
  readonly hopRef: HopRef
  readonly hops: PollState<EstateHopsResponse>
  readonly filters: PageFilters
  /** Where closing the details leads. */
  readonly closeHref: string
}

/** The details of one hop. */
export function HopDetails({ hopRef, hops, filters, closeHref }: HopDetailsProps) {
  const { range, store, channel, region } = filters
  const scope = { store, channel, region, service: hopRef.to }
  const failed = useRangePolling<EstateTracesResponse>(range, (w) => estatePath('failed-traces', w, scope))
  const messages = useRangePolling<EstateMessagesResponse>(
    range,
    hopRef.kind === 'message' ? (w) => estatePath('failed-messages', w, scope) : undefined,
  )
  const hop = hops.data?.hops.find((h) => isHop(h, hopRef))
  const minutes = rangeLengthMs(range) / 60_000
  const crossed = failed.data?.traces.filter((t) => t.services.includes(hopRef.from) && t.services.includes(hopRef.to)) ?? []
  const deliveries =
    messages.data?.messages.filter((m) => m.service === hopRef.to && (hop?.operations.includes(m.destination) ?? true)) ?? []
  return (
    <section className="card hop-details" aria-labelledby="hop-title">
      <div className="section-heading">
        <h2 id="hop-title">
          {hopRef.from} → {hopRef.to} <span className="muted">({hopRef.kind === 'call' ? 'HTTP calls' : 'messages'})</span>
        </h2>
        <Link to={closeHref}>Close</Link>
        <LiveStatus poll={hops} />
      </div>
      {hops.data && !hop ? <p className="muted">No traffic on this hop in this window and scope.</p> : null}
      {hop ? (
        <dl className="facts hop-facts">
          <dt>{hop.kind === 'call' ? 'Operations' : 'Destinations'}</dt>
          <dd className="mono">{hop.operations.join(', ') || '–'}</dd>
          <dt>Volume</dt>
          <dd>
            {formatCount(hop.count)} in the window, {formatPerMinute(hop.count, minutes)}/min
          </dd>
          <dt>Latency</dt>
          <dd>
            p50 {formatDuration(hop.p50Ms)} · p95 {formatDuration(hop.p95Ms)} · p99 {formatDuration(hop.p99Ms)}
            <div className="cell-note">{hop.kind === 'call' ? 'the caller’s wait' : 'from send to processed'}</div>
          </dd>
          {hop.queueDelay ? (
            <>
              <dt>Waiting in the queue</dt>
              <dd>
                p50 {formatDuration(hop.queueDelay.p50Ms)} · p95 {formatDuration(hop.queueDelay.p95Ms)}
              </dd>
            </>
          ) : null}
          <dt>Errors</dt>
          <dd className={hop.errors > 0 ? 'error-text' : undefined}>
            {formatCount(hop.errors)} ({formatRate(hop.errors, hop.count)})
          </dd>
          <dt>Retries</dt>
          <dd>{formatCount(hop.retries)}</dd>
          <dt>Dead letters</dt>
          <dd className={hop.deadLetters > 0 ? 'error-text' : undefined}>{formatCount(hop.deadLetters)}</dd>
        </dl>
      ) : null}
      <h3>Failed traces through this hop</h3>
      {crossed.length > 0 ? (
        <TraceListTable
          caption={`Newest first, ${crossed.length} of the failed traces of ${hopRef.to} that ${hopRef.from} took part in`}
          traces={crossed.slice(0, 15)}
        />
      ) : (
        <p className="muted">{failed.data ? 'No failed trace crossed this hop in this window.' : 'Loading…'}</p>
      )}
      {hopRef.kind === 'message' ? (
        <>
          <h3>Problem deliveries on this hop</h3>
          {messages.data ? <MessageTable messages={deliveries} /> : <p className="muted">Loading…</p>}
        </>
      ) : null}
    </section>
  )
}
