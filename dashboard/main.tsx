/** The browser entry: take the token from a sign-in link, then render the app over one query cache. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { signInFromAddressBar } from './auth/session.ts'
import { applyStoredTheme } from './settings/theme.ts'
import './styles.css'
import './styles/views.css'
import './styles/map.css'
import './styles/journey.css'
import './styles/alerts.css'

// Before the first render, so no request goes out and no history entry keeps the token.
signInFromAddressBar()
// Before the first render too: a reader who picked a theme never sees the other flash by.
applyStoredTheme()

// One cache for the whole app, so sections and pages asking the same question share its answer.
const queryClient = new QueryClient()

const container = document.getElementById('root')
if (container) {
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  )
}
