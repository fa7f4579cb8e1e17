/** The journey list with its own filters (type, status, order) on top of the page's range and context filters. */
import { isJourneyStatus } from '../../core/index.ts'
import type { JourneyListResponse } from '../../core/index.ts'
import { journeyListPath } from '../api/journeyPaths.ts'
import { useRangePolling } from '../api/useRangePolling.ts'
import { FilterBar } from '../components/FilterBar.tsx'
import { PolledSection } from '../components/PolledSection.tsx'
import { formatCount } from '../format/number.ts'
import { hrefWith, queryValue, readPageFilters } from '../filters/pageFilters.ts'
import { rangeLabel } from '../filters/timeRange.ts'
import { Link } from '../router/Link.tsx'
import { navigate, type AppLocation } from '../router/location.ts'
import { useJourneyTypes } from './useJourneyTypes.ts'
import { JourneyListTable } from './JourneyListTable.tsx'
import { STATUS_ORDER, statusLabel } from './statuses.ts'

const PAGE_SIZE = 50

/** Journeys that started in the range, filtered, a page at a time. */
export function JourneyBrowser({ location }: { readonly location: AppLocation }) {
  const filters = readPageFilters(location.query)
  const { range, store, channel, region } = filters
  const type = queryValue(location.query, 'type')
  const journeyTypes = useJourneyTypes()
  const rawStatus = queryValue(location.query, 'status')
  const status = isJourneyStatus(rawStatus) ? rawStatus : undefined
  const sort = queryValue(location.query, 'sort') === 'oldest' ? 'oldest' : 'newest'
  const offset = Math.max(0, Number(queryValue(location.query, 'offset') ?? 0) || 0)
  const poll = useRangePolling<JourneyListResponse>(range, (window) =>
    journeyListPath(window, { type, status, store, channel, region, limit: PAGE_SIZE, offset, sort }),
  )
  const change = (changes: Readonly<Record<string, string | undefined>>): void =>
    navigate(hrefWith(location.pathname, location.query, { offset: undefined, ...changes }))
  return (
    <>
      <FilterBar location={location} filters={filters}>
        <label>
          <span>Type</span>
          <select value={type ?? ''} onChange={(e) => change({ type: e.target.value })}>
            <option value="">all</option>
            {[...new Set([...journeyTypes.map((t) => t.type), ...(type ? [type] : [])])].map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Status</span>
          <select value={status ?? ''} onChange={(e) => change({ status: e.target.value })}>
            <option value="">all</option>
            {STATUS_ORDER.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Order</span>
          <select value={sort} onChange={(e) => change({ sort: e.target.value === 'oldest' ? 'oldest' : undefined })}>
            <option value="newest">newest first</option>
            <option value="oldest">oldest first</option>
          </select>
        </label>
      </FilterBar>
      <PolledSection
        id="journey-list-title"
        title={`${type ? `${type[0]?.toUpperCase()}${type.slice(1)} journeys` : 'Journeys'}${status ? `, ${statusLabel(status)}` : ''}, started ${rangeLabel(range)}`}
        poll={poll}
        what="the journeys"
        empty="No journeys match these filters in this window."
        isEmpty={(answer) => answer.journeys.length === 0}
        className="scroll-x"
      >
        {(answer) => (
          <>
            <JourneyListTable
              journeys={answer.journeys}
              caption={`${formatCount(answer.offset + 1)}–${formatCount(answer.offset + answer.journeys.length)} of ${formatCount(answer.total)}`}
            />
            <nav className="pager" aria-label="Pages">
              {answer.offset > 0 ? (
                <Link
                  to={hrefWith(location.pathname, location.query, { offset: String(Math.max(0, answer.offset - PAGE_SIZE)) || undefined })}
                >
                  ← Previous {PAGE_SIZE}
                </Link>
              ) : null}
              {answer.offset + answer.journeys.length < answer.total ? (
                <Link to={hrefWith(location.pathname, location.query, { offset: String(answer.offset + PAGE_SIZE) })}>
                  Next {PAGE_SIZE} →
                </Link>
              ) : null}
            </nav>
          </>
        )}
      </PolledSection>
    </>
  )
}
