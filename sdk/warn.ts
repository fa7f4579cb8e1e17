import { diag } from '@opentelemetry/api'

const warned = new Set<string>()

// The API keeps its registered globals under this symbol; `diag` has no getter that says whether
// a logger was set, and without one a diag.warn goes nowhere.
const API_GLOBALS = Symbol.for('opentelemetry.js.api.1')

function hasDiagLogger(): boolean {
  const globals = (globalThis as Record<symbol, { diag?: unknown } | undefined>)[API_GLOBALS]
  return globals?.diag !== undefined
}

/**
 * Warns once per `topic` for the life of the process: through the host's diag logger when it has
 * one, else on the console, so a misconfiguration is visible without flooding the host's logs.
 */
export function warnOnce(topic: string, message: string): void {
  if (warned.has(topic)) return
  warned.add(topic)
  const text = `throughline: ${message}`
  if (hasDiagLogger()) diag.warn(text)
  // eslint-disable-next-line no-console -- the one place the SDK may speak when no diag logger listens
  else console.warn(text)
}
