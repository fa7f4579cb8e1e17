/** The states every polled page goes through, in one place: loading, failed, not found, empty, data. */
import type { ReactNode } from 'react'
import type { PollState } from '../api/pollState.ts'
import { FailureNotice, Loading } from './StateViews.tsx'

/** Props of a polled section. */
export interface PollViewProps<T> {
  readonly poll: PollState<T>
  /** What is being loaded, for messages ("the overview"). */
  readonly what: string
  /** Shown instead of the failure when the API answers 404. */
  readonly notFound?: ReactNode
  /** Shown instead of the data when it holds nothing. */
  readonly empty?: ReactNode
  readonly isEmpty?: (data: T) => boolean
  readonly children: (data: T) => ReactNode
}

/** Renders a polled resource's data, or the state it is in. Stale data stays on screen when a refresh fails. */
export function PollView<T>({ poll, what, notFound, empty, isEmpty, children }: PollViewProps<T>) {
  if (poll.data === undefined) {
    if (poll.failure?.code === 'not_found' && notFound !== undefined) return <>{notFound}</>
    if (poll.failure) return <FailureNotice failure={poll.failure} what={what} />
    return <Loading what={what} />
  }
  if (empty !== undefined && isEmpty?.(poll.data)) return <>{empty}</>
  return <>{children(poll.data)}</>
}
