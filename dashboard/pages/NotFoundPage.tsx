/** Any path the dashboard does not know. */
import { PageHeading } from '../components/PageHeading.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { Link } from '../router/Link.tsx'

/** The not-found page, naming the path that was asked for. */
export function NotFoundPage({ path }: { readonly path: string }) {
  useDocumentTitle('Not found')
  return (
    <>
      <PageHeading title="Page not found" />
      <div className="card">
        <p>
          There is no page at <span className="mono">{path}</span>.
        </p>
        <p>
          Go to the <Link to="/">overview</Link> or <Link to="/journeys">search by business key</Link>.
        </p>
      </div>
    </>
  )
}
