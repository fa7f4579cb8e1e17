/**
 * `/journeys`: search any business key, or browse journeys by type, status, store, channel and
 * region. A searched key that roots a journey (an order id) shows that journey first; every key
 * shows the traces and spans that carry it.
 */
import type { SearchResponse } from '../../core/index.ts'
import { BusinessKey } from '@throughline/sdk/conventions'
import { searchPath } from '../api/paths.ts'
import { usePolling } from '../api/usePolling.ts'
import { KeySearchView } from '../components/KeySearchResults.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { SearchForm } from '../components/SearchForm.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { JourneyBrowser } from '../journeys/JourneyBrowser.tsx'
import { JourneyMatch } from '../journeys/JourneyMatch.tsx'
import { journeyTypesOf, typesRootedOn } from '../journeys/journeyTypes.ts'
import { useJourneyTypes } from '../journeys/useJourneyTypes.ts'
import { Link } from '../router/Link.tsx'
import { navigate, type AppLocation } from '../router/location.ts'
import { searchHref } from '../router/hrefs.ts'

/** The journeys page. */
export function JourneysPage({ location }: { readonly location: AppLocation }) {
  const key = location.query.get('key') ?? ''
  const value = location.query.get('value') ?? ''
  const searching = key !== '' && value !== ''
  useDocumentTitle(searching ? `${value} · Journeys` : 'Journeys')
  const journeyTypes = useJourneyTypes()
  const types = typesRootedOn(journeyTypes, key)
  const search = usePolling<SearchResponse>(searching ? searchPath(key, value) : undefined)
  return (
    <>
      <PageHeading
        title="Journeys"
        subtitle="Find an order, return, settlement or promotion by any business key, or browse journeys by status."
      />
      <SearchForm
        key={`${key}\u0000${value}`}
        initialKey={key || BusinessKey.order}
        initialValue={value}
        onSearch={(k, v) => navigate(searchHref(k, v))}
      />
      {searching ? (
        <>
          <p className="muted">
            <Link to="/journeys">← Back to the journey list</Link>
            {types.length > 0
              ? ` · ${key} is the key of ${types.join(' and ')} journeys.`
              : ` · ${key} is not the key of a journey type; below are the traces and spans that carry it.`}
          </p>
          {journeyTypesOf(journeyTypes, key, search.data).map((type) => (
            <JourneyMatch key={type} type={type} value={value} />
          ))}
          <KeySearchView keyName={key} value={value} poll={search} />
        </>
      ) : (
        <JourneyBrowser location={location} />
      )}
    </>
  )
}
