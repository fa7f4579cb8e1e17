import type { Instrumentation } from '@opentelemetry/instrumentation'
import { propagatorNames, type PropagatorName } from './propagators.ts'
import type { BusinessKeyOptions } from './key-config.ts'
import { warnOnce } from './warn.ts'

/** What init() takes; anything malformed is warned about once and replaced by its default. */
export interface InitOptions extends BusinessKeyOptions {
  /** `service.name` of this service. */
  serviceName: string
  /** `retail.system` of this service: ecommerce, pos, erp, oms, wms, payment, tax, merchandising, ... */
  system: string
  /** Collector base URL; spans go to `<endpoint>/v1/traces`. */
  endpoint?: string
  /** Ingest key, sent as `Authorization: Bearer <key>`. */
  apiKey?: string
  /** More headers for the export requests. */
  headers?: Readonly<Record<string, string>>
  /**
   * Whether business keys arriving as baggage on inbound requests are taken (the default). Set
   * false, or THROUGHLINE_TRUST_INBOUND_BAGGAGE=false, on a service that callers outside the
   * estate reach, so they cannot put keys on its spans.
   */
  trustInboundBaggage?: boolean
  /**
   * More OpenTelemetry instrumentations to register (for example `new AmqplibInstrumentation()`,
   * or `getNodeAutoInstrumentations()`). HTTP and fetch are instrumented anyway; one given here
   * under the same name replaces the default.
   */
  instrumentations?: readonly Instrumentation[]
}

/** Options after validation and defaults, as init() uses them. */
export interface ResolvedOptions {
  readonly serviceName: string
  readonly system: string | undefined
  /** Where the exporter posts: the full `/v1/traces` URL. */
  readonly tracesUrl: string
  readonly headers: Readonly<Record<string, string>>
  readonly keys: BusinessKeyOptions
  readonly trustInboundBaggage: boolean
  /** From OTEL_PROPAGATORS; W3C trace context and baggage unless it says otherwise. */
  readonly propagators: readonly PropagatorName[]
  readonly instrumentations: readonly Instrumentation[]
}

/** The collector a Throughline platform runs by default. */
const DEFAULT_ENDPOINT = 'http://127.0.0.1:4318'
const TRACES_PATH = '/v1/traces'

type Env = Readonly<Record<string, string | undefined>>

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0
}

function httpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}

// A base URL gets the signal path appended, as OTEL_EXPORTER_OTLP_ENDPOINT does; one that already
// ends in it is taken as given rather than doubled.
function tracesUrlFrom(base: string): string | undefined {
  const url = httpUrl(base.trim())
  if (url === undefined) return undefined
  const path = url.pathname.replace(/\/+$/, '')
  url.pathname = path.endsWith(TRACES_PATH) ? path : `${path}${TRACES_PATH}`
  return url.href
}

function resolveTracesUrl(endpoint: unknown, env: Env): string {
  if (endpoint !== undefined) {
    const url = nonEmpty(endpoint) ? tracesUrlFrom(endpoint) : undefined
    if (url !== undefined) return url
    warnOnce('endpoint', `endpoint ${JSON.stringify(endpoint)} is not an http(s) URL; using the default`)
  }
  const signalUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  // The per-signal variable is a full URL by the OpenTelemetry spec, used as is.
  const signal = nonEmpty(signalUrl) ? httpUrl(signalUrl.trim()) : undefined
  if (signal !== undefined) return signal.href
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT
  const fromEnv = nonEmpty(base) ? tracesUrlFrom(base) : undefined
  if (nonEmpty(base) && fromEnv === undefined)
    warnOnce('endpoint-env', 'OTEL_EXPORTER_OTLP_ENDPOINT is not an http(s) URL; using the default')
  return fromEnv ?? `${DEFAULT_ENDPOINT}${TRACES_PATH}`
}

function resolveTrust(option: unknown, env: Env): boolean {
  if (typeof option === 'boolean') return option
  if (option !== undefined) warnOnce('trustInboundBaggage', 'trustInboundBaggage must be true or false; trusting inbound baggage')
  const fromEnv = env.THROUGHLINE_TRUST_INBOUND_BAGGAGE?.trim().toLowerCase()
  if (fromEnv === undefined || fromEnv === '') return true
  if (fromEnv === 'false' || fromEnv === '0') return false
  if (fromEnv !== 'true' && fromEnv !== '1')
    warnOnce('trust-env', 'THROUGHLINE_TRUST_INBOUND_BAGGAGE must be true or false; trusting inbound baggage')
  return true
}

function isInstrumentation(value: unknown): value is Instrumentation {
  return isRecord(value) && typeof value.instrumentationName === 'string' && typeof value.enable === 'function'
}

// getNodeAutoInstrumentations() returns a list, and some hosts nest theirs: flatten one level.
function resolveInstrumentations(given: unknown): Instrumentation[] {
  if (given === undefined) return []
  if (!Array.isArray(given)) {
    warnOnce('instrumentations', 'instrumentations must be a list of OpenTelemetry instrumentations; ignoring it')
    return []
  }
  const flat: unknown[] = given.flat()
  const valid = flat.filter(isInstrumentation)
  if (valid.length < flat.length)
    warnOnce('instrumentations', 'some instrumentations are not OpenTelemetry instrumentations; ignoring those')
  return valid
}

function resolveHeaders(headers: unknown, apiKey: unknown): Record<string, string> {
  const resolved: Record<string, string> = {}
  if (isRecord(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === 'string') resolved[name] = value
      else warnOnce(`headers.${name}`, `header ${name} must be a string; not sending it`)
    }
  } else if (headers !== undefined) {
    warnOnce('headers', 'headers must be an object of strings; ignoring them')
  }
  if (nonEmpty(apiKey)) resolved.Authorization = `Bearer ${apiKey.trim()}`
  else if (apiKey !== undefined) warnOnce('apiKey', 'apiKey must be a non-empty string; exporting without it')
  return resolved
}

/** Validates init()'s options against their defaults and the OTEL_* environment. */
export function resolveOptions(options: unknown, env: Env = process.env): ResolvedOptions {
  if (!isRecord(options)) warnOnce('options', 'init() expects an options object; using defaults')
  const given = isRecord(options) ? options : {}
  const fallbackName = nonEmpty(env.OTEL_SERVICE_NAME) ? env.OTEL_SERVICE_NAME : 'unknown_service:node'
  const serviceName = nonEmpty(given.serviceName) ? given.serviceName : fallbackName
  // OTEL_SERVICE_NAME is the standard way to name a service, so leaving serviceName out for it is no mistake.
  if (given.serviceName !== undefined && !nonEmpty(given.serviceName))
    warnOnce('serviceName', `serviceName must be a non-empty string; using ${serviceName}`)
  else if (given.serviceName === undefined && !nonEmpty(env.OTEL_SERVICE_NAME))
    warnOnce('serviceName', `no serviceName and no OTEL_SERVICE_NAME; using ${serviceName}`)
  const system = given.system
  if (!nonEmpty(system)) warnOnce('system', 'system must name the retail system (for example "oms"); spans will not say which')
  return {
    serviceName,
    system: nonEmpty(system) ? system : undefined,
    tracesUrl: resolveTracesUrl(given.endpoint, env),
    headers: resolveHeaders(given.headers, given.apiKey),
    keys: {
      keyAliases: given.keyAliases as BusinessKeyOptions['keyAliases'],
      extraKeys: given.extraKeys as BusinessKeyOptions['extraKeys'],
    },
    trustInboundBaggage: resolveTrust(given.trustInboundBaggage, env),
    propagators: propagatorNames(env.OTEL_PROPAGATORS),
    instrumentations: resolveInstrumentations(given.instrumentations),
  }
}
