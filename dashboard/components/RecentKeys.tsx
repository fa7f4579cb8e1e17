/** Business keys seen most recently, each a link to its search. */
import type { OverviewResponse } from '../../core/index.ts'
import { Link } from '../router/Link.tsx'
import { searchHref } from '../router/hrefs.ts'
import { Timestamp } from './Timestamp.tsx'

/** A table of recent business keys linking to `/journeys?key=&value=`. */
export function RecentKeys({ keys }: { readonly keys: OverviewResponse['recentKeys'] }) {
  if (keys.length === 0) return <p className="muted">No business keys in the last hour.</p>
  return (
    <table className="data-table">
      <caption>Recent business keys</caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={`${k.key}\u0000${k.value}`}>
            <td className="mono">{k.key}</td>
            <td className="nowrap">
              <Link to={searchHref(k.key, k.value)}>{k.value}</Link>
            </td>
            <td>
              <Timestamp iso={k.lastSeen} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
