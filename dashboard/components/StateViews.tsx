/** What a page shows before it has data: loading, a failure, or nothing to show yet. */
import type { ReactNode } from 'react'
import type { ApiFailure } from '../api/result.ts'

/** A quiet placeholder while the first answer is on its way. */
export function Loading({ what }: { readonly what: string }) {
  return (
    <p className="state state-loading" role="status">
      Loading {what}…
    </p>
  )
}

/** Why a page could not load, in words a person can act on. */
export function FailureNotice({ failure, what }: { readonly failure: ApiFailure; readonly what: string }) {
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>Could not load {what}.</strong> {failure.message}
      </p>
      <p className="muted">
        {failure.status > 0 ? `HTTP ${failure.status}, ${failure.code}. ` : ''}The page keeps trying every few seconds.
      </p>
    </div>
  )
}

/** A page with nothing to show yet, and what to do about it. */
export function EmptyState({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  )
}
