/** The app shell: header, the page for the current path, and the sign-in screen once the API refuses us. */
import { useSession } from './auth/session.ts'
import { Header } from './components/Header.tsx'
import { AlertsPage } from './pages/AlertsPage.tsx'
import { FinancePage } from './pages/FinancePage.tsx'
import { ItPage } from './pages/ItPage.tsx'
import { JourneyPage } from './pages/JourneyPage.tsx'
import { JourneysPage } from './pages/JourneysPage.tsx'
import { NotFoundPage } from './pages/NotFoundPage.tsx'
import { OpsPage } from './pages/OpsPage.tsx'
import { OverviewPage } from './pages/OverviewPage.tsx'
import { SignInPage } from './pages/SignInPage.tsx'
import { TracePage } from './pages/TracePage.tsx'
import { useLocation } from './router/location.ts'
import { useDisplayZone } from './format/displayZone.ts'
import type { AppLocation } from './router/location.ts'
import { parseRoute } from './router/routes.ts'
import type { Route } from './router/routes.ts'

/** The whole dashboard. */
export function App() {
  const session = useSession()
  const location = useLocation()
  const route = parseRoute(location.pathname)
  const zone = useDisplayZone()
  return (
    <>
      <Header route={route} query={location.query} />
      {/* Every time on the page is formatted again when the reader switches zones. */}
      <main className="page" key={zone}>
        {session.refused ? <SignInPage hadToken={session.hadToken} /> : <RoutePage route={route} location={location} />}
      </main>
    </>
  )
}

function RoutePage({ route, location }: { readonly route: Route; readonly location: AppLocation }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage location={location} />
    case 'it':
      return <ItPage location={location} />
    case 'ops':
      return <OpsPage location={location} />
    case 'finance':
      return <FinancePage location={location} />
    case 'alerts':
      return <AlertsPage location={location} />
    case 'journeys':
      return <JourneysPage location={location} />
    case 'journey':
      return <JourneyPage key={`${route.type}/${route.key}`} type={route.type} journeyKey={route.key} />
    case 'trace':
      return <TracePage key={route.traceId} traceId={route.traceId} hash={location.hash} />
    case 'notFound':
      return <NotFoundPage path={route.path} />
  }
}
