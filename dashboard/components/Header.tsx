/** The app's header: the product name, the navigation between the areas of the dashboard, and the one search box. */
import type { Route } from '../router/routes.ts'
import { Link } from '../router/Link.tsx'
import { localTimeZone } from '../format/time.ts'
import { setDisplayZone, useDisplayZone } from '../format/displayZone.ts'
import { nextTheme, setTheme, useTheme, type Theme } from '../settings/theme.ts'

const THEME_LABELS: Readonly<Record<Theme, string>> = { system: 'Theme: as the system', light: 'Theme: light', dark: 'Theme: dark' }
import { sharedQuery } from '../filters/pageFilters.ts'
import { SearchBox } from '../search/SearchBox.tsx'

interface NavItem {
  readonly to: string
  readonly label: string
  readonly pages: readonly Route['page'][]
}

const NAV: readonly NavItem[] = [
  { to: '/', label: 'Overview', pages: ['overview'] },
  { to: '/it', label: 'IT', pages: ['it'] },
  { to: '/ops', label: 'Operations', pages: ['ops'] },
  { to: '/finance', label: 'Finance', pages: ['finance'] },
  { to: '/journeys', label: 'Journeys', pages: ['journeys', 'journey'] },
  { to: '/alerts', label: 'Alerts', pages: ['alerts'] },
]

/** The header bar shown above every page; its links keep the time range and filters of the page on screen. */
export function Header({ route, query }: { readonly route: Route; readonly query: URLSearchParams }) {
  const shared = sharedQuery(query)
  const zone = useDisplayZone()
  const theme = useTheme()
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to="/" className="brand">
          Throughline
        </Link>
        <nav aria-label="Main">
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.to}>
                <Link to={`${item.to}${shared}`} current={item.pages.includes(route.page)}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox />
        <button
          type="button"
          className="zone-note"
          onClick={() => setDisplayZone(zone === 'UTC' ? 'local' : 'UTC')}
          title={zone === 'UTC' ? "Show times in this browser's zone" : 'Show times in UTC'}
        >
          Times in {localTimeZone()}
        </button>
        <button
          type="button"
          className="zone-note"
          onClick={() => setTheme(nextTheme(theme))}
          title={`Switch to ${THEME_LABELS[nextTheme(theme)].replace('Theme: ', '')}`}
        >
          {THEME_LABELS[theme]}
        </button>
      </div>
    </header>
  )
}
