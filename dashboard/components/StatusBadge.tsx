/** A span's status in words and colour, so an error reads as one without relying on colour alone. */
import type { StatusCode } from '../../core/index.ts'

/** Shows `ok`, `error` or `unset` as a small badge. */
export function StatusBadge({ status, title }: { readonly status: StatusCode; readonly title?: string }) {
  return (
    <span className={`badge badge-${status}`} title={title}>
      {status === 'error' ? '⚠ error' : status}
    </span>
  )
}
