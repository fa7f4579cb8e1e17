/** The sign-in link: `npm start` prints `/?token=<token>`; the token must not stay in the address bar. */

/** What a sign-in link carries: the token, and the address to show once it is removed. */
export interface SignInLink {
  readonly token: string | undefined
  /** Path, remaining query and hash, for history.replaceState. */
  readonly cleanedPath: string
}

/** Takes the `token` query parameter out of an address, keeping every other parameter and the hash. */
export function takeTokenFromUrl(href: string): SignInLink {
  const url = new URL(href)
  const token = url.searchParams.get('token') ?? undefined
  url.searchParams.delete('token')
  const query = url.searchParams.toString()
  return { token: token === '' ? undefined : token, cleanedPath: `${url.pathname}${query ? `?${query}` : ''}${url.hash}` }
}

/** The header value that carries a token to the query API. */
export function bearer(token: string): string {
  return `Bearer ${token}`
}
