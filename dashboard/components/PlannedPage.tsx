/** A page that is not built yet: what it will show, and where to look in the meantime. */
import type { ReactNode } from 'react'
import { Link } from '../router/Link.tsx'
import { PageHeading } from './PageHeading.tsx'
import { useDocumentTitle } from './useDocumentTitle.ts'

/** Props of a planned page. */
export interface PlannedPageProps {
  readonly title: string
  readonly audience: string
  readonly plans: readonly ReactNode[]
  readonly meanwhile: readonly { readonly to: string; readonly label: string; readonly why: string }[]
}

/** An honest placeholder for a page that arrives in a later version. */
export function PlannedPage({ title, audience, plans, meanwhile }: PlannedPageProps) {
  useDocumentTitle(title)
  return (
    <>
      <PageHeading title={title} subtitle={audience} />
      <section className="card planned">
        <h2>Not built yet</h2>
        <p>This page comes in a later version. It will show:</p>
        <ul>
          {plans.map((plan, i) => (
            <li key={i}>{plan}</li>
          ))}
        </ul>
        <h2>Until then</h2>
        <ul>
          {meanwhile.map((item) => (
            <li key={item.to}>
              <Link to={item.to}>{item.label}</Link>: {item.why}
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}
