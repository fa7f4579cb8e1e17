/**
 * `/journeys/{type}/{key}`: one journey. For now it shows the search for the journey's root
 * key; the stitched view (stages, SLAs, linked keys) arrives with `GET /api/journeys/{type}/{key}`.
 */
import { KeySearchResults } from '../components/KeySearchResults.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { SearchForm } from '../components/SearchForm.tsx'
import { EmptyState } from '../components/StateViews.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { JOURNEY_TYPES, rootKeyOf } from '../journeys/journeyTypes.ts'
import { Link } from '../router/Link.tsx'
import { navigate } from '../router/location.ts'
import { searchHref } from '../router/hrefs.ts'

/** One journey by type and root key. */
export function JourneyPage({ type, journeyKey }: { readonly type: string; readonly journeyKey: string }) {
  const rootKey = rootKeyOf(type)
  useDocumentTitle(`${type} ${journeyKey} · Journeys`)
  if (rootKey === undefined) {
    return (
      <>
        <PageHeading title="Unknown journey type" />
        <EmptyState title={`There is no journey type “${type}”.`}>
          <p>The journey types are {JOURNEY_TYPES.join(', ')}.</p>
          <p>
            <Link to="/journeys">Search by business key</Link> instead.
          </p>
        </EmptyState>
      </>
    )
  }
  return (
    <>
      <PageHeading
        title={
          <>
            {capitalise(type)} journey <span className="mono">{journeyKey}</span>
          </>
        }
        subtitle="Everything that carries this journey's key. Stages, SLAs and linked keys come in a later version."
      />
      <SearchForm key={`${rootKey}\u0000${journeyKey}`} initialKey={rootKey} initialValue={journeyKey} onSearch={(k, v) => navigate(searchHref(k, v))} />
      <KeySearchResults keyName={rootKey} value={journeyKey} />
    </>
  )
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
