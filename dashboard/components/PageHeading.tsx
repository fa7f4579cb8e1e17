/** A page's title, a line saying what it shows, and room on the right for the live status. */
import type { ReactNode } from 'react'

/** Props of a page heading. */
export interface PageHeadingProps {
  readonly title: ReactNode
  readonly subtitle?: ReactNode
  readonly aside?: ReactNode
}

/** The heading at the top of every page. */
export function PageHeading({ title, subtitle, aside }: PageHeadingProps) {
  return (
    <div className="page-heading">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="subtitle">{subtitle}</p> : null}
      </div>
      {aside ? <div className="page-heading-aside">{aside}</div> : null}
    </div>
  )
}
