/** A card that shows one polled resource: a heading with its live status, then its data or the state it is in. */
import { useRef } from 'react'
import type { ReactNode } from 'react'
import { CsvButton } from '../export/CsvButton.tsx'
import type { PollState } from '../api/pollState.ts'
import { LiveStatus } from './LiveStatus.tsx'
import { PollView } from './PollView.tsx'
import { EmptyState } from './StateViews.tsx'

/** Props of a polled section. */
export interface PolledSectionProps<T> {
  /** The heading's element id, for the section's accessible name. */
  readonly id: string
  readonly title: ReactNode
  readonly poll: PollState<T>
  /** What is loading, for messages ("the hops"). */
  readonly what: string
  /** Shown when `isEmpty` says the data holds nothing; a plain sentence becomes an empty state. */
  readonly empty?: ReactNode
  readonly isEmpty?: (data: T) => boolean
  /** A line under the heading: what the numbers mean. */
  readonly note?: ReactNode
  /** Controls beside the heading. */
  readonly actions?: ReactNode
  readonly className?: string
  /** Offers the section's tables as a CSV download under this name, once there is data. */
  readonly csv?: string
  readonly children: (data: T) => ReactNode
}

/** A section of a page with its own loading, error and empty states; busy while it still shows the previous filter's answer. */
export function PolledSection<T>({
  id,
  title,
  poll,
  what,
  empty,
  isEmpty,
  note,
  actions,
  className,
  csv,
  children,
}: PolledSectionProps<T>) {
  const emptyView = typeof empty === 'string' ? <EmptyState title={empty} /> : empty
  const section = useRef<HTMLElement>(null)
  const hasRows = poll.data !== undefined && !(isEmpty?.(poll.data) ?? false)
  return (
    <section ref={section} className={className ? `card ${className}` : 'card'} aria-labelledby={id} aria-busy={poll.updating}>
      <div className="section-heading">
        <h2 id={id}>{title}</h2>
        {actions}
        {csv !== undefined && hasRows ? <CsvButton of={section} name={csv} /> : null}
        <LiveStatus poll={poll} />
      </div>
      {note ? <p className="muted section-note">{note}</p> : null}
      <PollView poll={poll} what={what} empty={emptyView} isEmpty={isEmpty}>
        {children}
      </PollView>
    </section>
  )
}
