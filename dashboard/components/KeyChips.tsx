/** Business keys as small links to their search, so a failed message leads to its order. */
import type { EstateKeyValue } from '../../core/index.ts'
import { shortKeyName } from '../format/keys.ts'
import { Link } from '../router/Link.tsx'
import { searchHref } from '../router/hrefs.ts'

/** The keys as `order WEB-1`-style chips, each linking to `/journeys?key=&value=`. */
export function KeyChips({ keys }: { readonly keys: readonly EstateKeyValue[] }) {
  if (keys.length === 0) return <span className="muted">none</span>
  return (
    <ul className="chips">
      {keys.map((k) => (
        <li key={`${k.key}\u0000${k.value}`} className="chip">
          <span className="muted">{shortKeyName(k.key)}</span>{' '}
          <Link to={searchHref(k.key, k.value)} title={`${k.key} = ${k.value}`}>
            {k.value}
          </Link>
        </li>
      ))}
    </ul>
  )
}
