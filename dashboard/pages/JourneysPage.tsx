/** `/journeys?key=&value=`: find every trace and span that carries a business key. The search lives in the URL. */
import { BusinessKey } from '../../sdk/conventions.ts'
import { KeySearchResults } from '../components/KeySearchResults.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { SearchForm } from '../components/SearchForm.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { navigate } from '../router/location.ts'
import { searchHref } from '../router/hrefs.ts'

/** The business-key search page. */
export function JourneysPage({ query }: { readonly query: URLSearchParams }) {
  const key = query.get('key') ?? ''
  const value = query.get('value') ?? ''
  useDocumentTitle(key && value ? `${value} · Journeys` : 'Journeys')
  return (
    <>
      <PageHeading title="Journeys" subtitle="Follow an order, return, settlement or promotion across systems by its business key." />
      <SearchForm key={`${key}\u0000${value}`} initialKey={key || BusinessKey.order} initialValue={value} onSearch={(k, v) => navigate(searchHref(k, v))} />
      {key && value ? (
        <KeySearchResults keyName={key} value={value} />
      ) : (
        <p className="muted">
          Pick a key and enter its value, for example <span className="mono">retail.order.id</span> = the order number. The overview lists keys seen
          recently.
        </p>
      )}
    </>
  )
}
