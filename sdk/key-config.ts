import { BUSINESS_KEYS, CONTEXT_KEYS } from './conventions.ts'
import { warnOnce } from './warn.ts'

/** How other attribute names map onto the conventions, and which extra keys may travel. */
export interface BusinessKeyOptions {
  /** Other names for convention keys, e.g. `{ orderId: 'retail.order.id' }`. */
  keyAliases?: Readonly<Record<string, string>>
  /** Keys beyond the conventions that may travel to other services in baggage. */
  extraKeys?: readonly string[]
}

/** The resolved key configuration; replaced as a whole, never mutated. */
export interface KeyConfig {
  readonly aliases: ReadonlyMap<string, string>
  /** Names that may travel in baggage: the allow-list. */
  readonly propagated: ReadonlySet<string>
}

// A baggage key is an RFC 7230 token; anything else would corrupt the header downstream.
const BAGGAGE_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readAliases(raw: unknown): Map<string, string> {
  const aliases = new Map<string, string>()
  if (raw === undefined) return aliases
  if (!isRecord(raw)) {
    warnOnce('keyAliases', 'keyAliases must be an object of name to convention name; ignoring it')
    return aliases
  }
  for (const [alias, target] of Object.entries(raw)) {
    if (typeof target === 'string' && target.length > 0) aliases.set(alias, target)
    else warnOnce(`keyAliases.${alias}`, `keyAliases.${alias} must name an attribute; ignoring it`)
  }
  return aliases
}

function readExtraKeys(raw: unknown): string[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) {
    warnOnce('extraKeys', 'extraKeys must be an array of attribute names; ignoring it')
    return []
  }
  return raw.filter((key): key is string => {
    if (typeof key === 'string' && BAGGAGE_TOKEN.test(key)) return true
    warnOnce(`extraKeys.${String(key)}`, `extra key ${JSON.stringify(key)} is not a valid baggage key; it will not travel`)
    return false
  })
}

/** Builds a key configuration, warning about and dropping the parts that are malformed. */
function buildKeyConfig(options: BusinessKeyOptions = {}): KeyConfig {
  const raw: unknown = options
  const given = isRecord(raw) ? raw : {}
  return {
    aliases: readAliases(given.keyAliases),
    propagated: new Set([...BUSINESS_KEYS, ...CONTEXT_KEYS, ...readExtraKeys(given.extraKeys)]),
  }
}

let current: KeyConfig = buildKeyConfig()

/**
 * Sets the process-wide aliases and extra keys. They are process-wide because the keys travel
 * through context that any library in the host may create, not through one object.
 */
export function configureBusinessKeys(options: BusinessKeyOptions): void {
  current = buildKeyConfig(options)
}

/** The key configuration in force. */
export function keyConfig(): KeyConfig {
  return current
}

/** The convention name for an attribute name, through the configured aliases. */
export function resolveKeyName(config: KeyConfig, name: string): string {
  return config.aliases.get(name) ?? name
}
