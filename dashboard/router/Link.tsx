/** An in-app link: a real anchor (so open-in-new-tab works) that navigates without a reload on a plain click. */
import type { MouseEvent, ReactNode } from 'react'
import { navigate } from './location.ts'

/** Props of an in-app link. */
export interface LinkProps {
  readonly to: string
  readonly children: ReactNode
  readonly className?: string
  readonly title?: string
  readonly current?: boolean
}

/** A link to another page of the dashboard. */
export function Link({ to, children, className, title, current }: LinkProps) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} onClick={onClick} className={className} title={title} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  )
}
