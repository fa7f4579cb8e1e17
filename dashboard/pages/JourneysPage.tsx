/**
 * `/journeys`: search any business key, or browse journeys by type, status, store, channel and
 * region. A searched key that roots a journey (an order id) shows that journey first; every key
 * shows the traces and spans that carry it. A value searched without a key (from the header's
 * box) is looked up under every key: one key carrying it is searched at once, several are listed.
 */
import type { SearchResponse, ValueKeysResponse } from '../../core/index.ts'
import { BusinessKey } from '@throughline/sdk/conventions'
import { searchPath, valueKeysPath } from '../api/paths.ts'
import { usePolling } from '../api/usePolling.ts'
import { KeySearchView } from '../components/KeySearchResults.tsx'
import { PolledSection } from '../components/PolledSection.tsx'
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
  const value = location.query.get('value') ?? ''
  const valueOnly = !location.query.get('key') && value !== ''
  const valueKeys = usePolling<ValueKeysResponse>(valueOnly ? valueKeysPath(value) : undefined)
  const onlyKey = valueOnly && valueKeys.data?.keys.length === 1 ? valueKeys.data.keys[0]!.key : undefined
  const key = location.query.get('key') || onlyKey || ''
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
      {valueOnly && onlyKey === undefined ? (
        <PolledSection
          id="value-keys-title"
          title={`Business keys that carry ${value}`}
          poll={valueKeys}
          what="the keys"
          empty={`No business key carries ${value} in the stored spans and log records.`}
          isEmpty={(answer) => answer.keys.length === 0}
        >
          {(answer) => (
            <ul className="value-keys">
              {answer.keys.map((found) => (
                <li key={found.key}>
                  <Link to={searchHref(found.key, value)}>
                    <span className="mono">{found.key}</span>
                  </Link>{' '}
                  <span className="muted">
                    {found.traces} {found.traces === 1 ? 'trace' : 'traces'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </PolledSection>
      ) : searching ? (
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
