/** The ingest key a request presents: `Authorization: Bearer <key>`, or `x-api-key` as some agents send it. */
export function presentedKey(authorization: string | undefined, apiKey: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1]
  return bearer ?? (apiKey?.trim() || undefined)
}
