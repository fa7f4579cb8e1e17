/** Shown when the query API refuses this browser (HTTP 401): how to sign in. */
import { useDocumentTitle } from '../components/useDocumentTitle.ts'

/** The sign-in screen. `hadToken` says whether a token was offered and refused. */
export function SignInPage({ hadToken }: { readonly hadToken: boolean }) {
  useDocumentTitle('Sign in')
  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">
        Sign in with the link printed by <code>npm start</code>
      </h1>
      <p>
        {hadToken
          ? 'The query API refused the token this browser had kept. It may have changed since the platform last started.'
          : 'The query API needs a token, and this browser does not have one yet.'}
      </p>
      <ol>
        <li>
          Find the dashboard link in the terminal where <code>npm start</code> runs. It looks like{' '}
          <code>http://127.0.0.1:3000/?token=…</code>
        </li>
        <li>Open that link. The dashboard keeps the token in this browser and removes it from the address bar.</li>
      </ol>
      <p className="muted">
        If you set the token yourself (<code>THROUGHLINE_API_TOKEN</code>, or <code>api_tokens</code> in <code>throughline.yaml</code>),
        open <code>/?token=&lt;your token&gt;</code> on this address.
      </p>
    </section>
  )
}
