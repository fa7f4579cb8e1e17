/**
 * Tenants and the secrets that name them. A key is compared with every known key in constant
 * time (over SHA-256 digests, so lengths leak nothing either) and the search never stops early.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

/** A tenant with its ingest keys and API tokens. */
export interface Tenant {
  readonly name: string
  readonly ingestKeys: readonly string[]
  readonly apiTokens: readonly string[]
}

/** Finds the tenant a presented secret belongs to. */
export interface TenantDirectory {
  readonly tenants: readonly Tenant[]
  /** The tenant whose ingest key this is, if any. */
  byIngestKey(key: string): string | undefined
  /** The tenant whose API token this is, if any. */
  byApiToken(token: string): string | undefined
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret).digest()

function matcher(entries: readonly { tenant: string; secret: string }[]): (presented: string) => string | undefined {
  const digests = entries.map((entry) => ({ tenant: entry.tenant, digest: digest(entry.secret) }))
  return (presented) => {
    const candidate = digest(presented)
    let found: string | undefined
    for (const entry of digests) {
      if (timingSafeEqual(entry.digest, candidate) && found === undefined) found = entry.tenant
    }
    return found
  }
}

/** Builds the directory; a secret shared by two tenants is a configuration error. */
export function tenantDirectory(tenants: readonly Tenant[]): TenantDirectory {
  const ingest = tenants.flatMap((tenant) => tenant.ingestKeys.map((secret) => ({ tenant: tenant.name, secret })))
  const api = tenants.flatMap((tenant) => tenant.apiTokens.map((secret) => ({ tenant: tenant.name, secret })))
  for (const list of [ingest, api]) {
    const seen = new Map<string, string>()
    for (const { tenant, secret } of list) {
      const owner = seen.get(secret)
      if (owner !== undefined && owner !== tenant)
        throw new Error(`tenants '${owner}' and '${tenant}' share a key; each key belongs to one tenant`)
      seen.set(secret, tenant)
    }
  }
  return { tenants, byIngestKey: matcher(ingest), byApiToken: matcher(api) }
}
