/**
 * The config file's shape (`throughline.yaml`), validated once with zod. Sections follow the
 * contract: tenants, keys, journeys, alerts. Unknown fields are errors, so a typo is named
 * rather than silently ignored.
 */
import { z } from 'zod'
import { journeysSectionSchema } from '../../journeys/index.ts'
import { alertsSectionSchema } from '../../alerts/index.ts'

const secret = z.string().min(16, 'must be at least 16 characters')

const tenantSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lowercase letters, digits, - or _'),
  ingest_keys: z.array(secret).min(1, 'needs at least one key'),
  api_tokens: z.array(secret).min(1, 'needs at least one token'),
})

const attributeName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'is not an attribute name')

const keysSchema = z.strictObject({
  aliases: z.record(attributeName, attributeName).default({}),
  extra: z.array(attributeName).default([]),
})

/** The config file as validated. */
export const configFileSchema = z.strictObject({
  tenants: z.array(tenantSchema).optional(),
  keys: keysSchema.optional(),
  // Cross-references (stage order, known keys) are checked when the defaults are merged in.
  journeys: journeysSectionSchema.optional(),
  // Journey references of alert rules are checked against the journeys once those are resolved.
  alerts: alertsSectionSchema.optional(),
})

/** The config file's content after validation. */
export type ConfigFile = z.infer<typeof configFileSchema>
