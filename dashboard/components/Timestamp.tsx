/** A timestamp in the reader's time zone, with the exact ISO instant on hover. */
import { formatTimestamp } from '../format/time.ts'

/** Shows an ISO timestamp as local time with the zone named. */
export function Timestamp({ iso }: { readonly iso: string }) {
  return (
    <time className="timestamp" dateTime={iso} title={iso}>
      {formatTimestamp(iso)}
    </time>
  )
}
