/** The hops between services: HTTP calls and queue messages, with throughput, queue delay, latency, errors, retries and dead letters. */
import type { EstateHop } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount, formatPerMinute, formatRate } from '../format/number.ts'
import { Link } from '../router/Link.tsx'

/** Props of the hops table. */
export interface HopsTableProps {
  readonly hops: readonly EstateHop[]
  readonly minutes: number
  /** The link that selects a service, if the page can select one. */
  readonly serviceHref?: (service: string) => string
  /** The link that opens a hop's details, if the page can show them. */
  readonly hopHref?: (hop: EstateHop) => string
}

/** Hops with errors first, then the busiest. */
function sortHops(hops: readonly EstateHop[]): EstateHop[] {
  return [...hops].sort(
    (a, b) =>
      Number(b.errors > 0) - Number(a.errors > 0) ||
      b.count - a.count ||
      a.fromService.localeCompare(b.fromService) ||
      a.toService.localeCompare(b.toService),
  )
}

function end(service: string, href: ((service: string) => string) | undefined) {
  return href ? <Link to={href(service)}>{service}</Link> : service
}

/** A table of hops. */
export function HopsTable({ hops, minutes, serviceHref, hopHref }: HopsTableProps) {
  return (
    <table className="data-table">
      <caption>
        {formatCount(hops.length)} hops: latency is the caller’s wait for an HTTP call, and from send to processed for a message
      </caption>
      <thead>
        <tr>
          <th scope="col">From → to</th>
          <th scope="col">Kind</th>
          <th scope="col">Operations</th>
          <th scope="col" className="num">
            Count
          </th>
          <th scope="col" className="num">
            Errors
          </th>
          <th scope="col" className="num">
            Retries
          </th>
          <th scope="col" className="num">
            Dead letters
          </th>
          <th scope="col" className="num" title="Messages: the wait from the send to the start of processing, p50 / p95">
            Queue delay
          </th>
          <th scope="col" className="num">
            p50
          </th>
          <th scope="col" className="num">
            p95
          </th>
          <th scope="col" className="num">
            p99
          </th>
        </tr>
      </thead>
      <tbody>
        {sortHops(hops).map((hop) => (
          <tr key={`${hop.kind}\u0000${hop.fromService}\u0000${hop.toService}`} className={hop.errors > 0 ? 'row-error' : undefined}>
            <th scope="row" className="hop">
              {end(hop.fromService, serviceHref)} → {end(hop.toService, serviceHref)}
              <div className="cell-note">
                {hop.fromSystem || '?'} → {hop.toSystem || '?'}
              </div>
            </th>
            <td className="nowrap">
              {hopHref ? (
                <Link to={hopHref(hop)} title="Open this hop's details">
                  {hop.kind === 'call' ? 'HTTP' : 'message'}
                </Link>
              ) : hop.kind === 'call' ? (
                'HTTP'
              ) : (
                'message'
              )}
            </td>
            <td className="operations">{hop.operations.join(', ')}</td>
            <td className="num">
              {formatCount(hop.count)}
              <div className="cell-note">{formatPerMinute(hop.count, minutes)}/min</div>
            </td>
            <td className={hop.errors > 0 ? 'num error-text' : 'num'}>
              {formatCount(hop.errors)}
              {hop.errors > 0 ? <div className="cell-note">{formatRate(hop.errors, hop.count)}</div> : null}
            </td>
            <td className={hop.retries > 0 ? 'num warn-text' : 'num'}>{formatCount(hop.retries)}</td>
            <td className={hop.deadLetters > 0 ? 'num error-text' : 'num'}>{formatCount(hop.deadLetters)}</td>
            <td className="num queue-delay">
              {hop.queueDelay ? (
                <>
                  {formatDuration(hop.queueDelay.p50Ms)}
                  <div className="cell-note">p95 {formatDuration(hop.queueDelay.p95Ms)}</div>
                </>
              ) : (
                '–'
              )}
            </td>
            <td className="num">{formatDuration(hop.p50Ms)}</td>
            <td className="num">{formatDuration(hop.p95Ms)}</td>
            <td className="num">{formatDuration(hop.p99Ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
