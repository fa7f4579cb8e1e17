import { createRequire, syncBuiltinESMExports } from 'node:module'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import type { Instrumentation } from '@opentelemetry/instrumentation'
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources'
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions'
import { abandonable } from './abandonable-exporter.ts'
import type { AbandonableExporter } from './abandonable-exporter.ts'
import { isCollectorRequestFor } from './collector-requests.ts'
import { exportAgent } from './export-agent.ts'
import { RetailContext } from './conventions.ts'
import { resolveOptions } from './options.ts'
import type { InitOptions, ResolvedOptions } from './options.ts'
import { businessKeySpanProcessor } from './span-processor.ts'
import { textMapPropagator } from './propagators.ts'
import { warnOnce } from './warn.ts'

/** What init() returns: the way to flush and stop tracing when the service stops. */
export interface TracingHandle {
  /** Flushes pending spans and stops; resolves after at most `timeoutMillis` (5 s), never rejects. */
  shutdown(timeoutMillis?: number): Promise<void>
}

const DEFAULT_SHUTDOWN_MILLIS = 5_000

const inactive: TracingHandle = { shutdown: () => Promise.resolve() }

let first: TracingHandle | undefined

// The HTTP instrumentation patches `http` when it is next required, but an ESM host imported it
// before init() ran: require it now so the patch lands, then let named ESM imports see it.
function patchLoadedHttp(): void {
  const require = createRequire(import.meta.url)
  require('http')
  require('https')
  syncBuiltinESMExports()
}

function stopWithin(stopTracing: () => Promise<void>, exporter: AbandonableExporter): TracingHandle {
  let stopping: Promise<void> | undefined
  const stop = (timeoutMillis: number): Promise<void> =>
    new Promise<void>((resolve) => {
      let settled = false
      const settle = (warning?: string): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        if (warning !== undefined) warnOnce('shutdown', warning)
        resolve()
      }
      // Left ref'd on purpose: it keeps a host that awaits shutdown() up while the (detached)
      // export sockets flush, and lets go after timeoutMillis whatever the collector does.
      const timer = setTimeout(() => {
        settle(`tracing did not flush within ${timeoutMillis} ms; the remaining spans are dropped`)
        exporter.abandon()
      }, timeoutMillis)
      Promise.resolve()
        .then(stopTracing)
        .then(
          () => settle(),
          (error: unknown) => settle(`could not flush spans to the collector (${String(error)}); they are dropped`),
        )
    })
  return {
    shutdown(timeoutMillis = DEFAULT_SHUTDOWN_MILLIS) {
      stopping ??= stop(Number.isFinite(timeoutMillis) && timeoutMillis >= 0 ? timeoutMillis : DEFAULT_SHUTDOWN_MILLIS)
      return stopping
    },
  }
}

// The instrumentations every service gets unless it brings its own of the same name: http/https
// for classic clients and servers, undici for the global fetch() of Node 18+. Both carry trace
// context and the allow-listed baggage to the next service.
function defaultInstrumentations(tracesUrl: string): Instrumentation[] {
  return [new HttpInstrumentation({ ignoreOutgoingRequestHook: isCollectorRequestFor(tracesUrl) }), new UndiciInstrumentation()]
}

function withDefaults(given: readonly Instrumentation[], tracesUrl: string): Instrumentation[] {
  const names = new Set(given.map((instrumentation) => instrumentation.instrumentationName))
  return [...defaultInstrumentations(tracesUrl).filter((instrumentation) => !names.has(instrumentation.instrumentationName)), ...given]
}

function start(options: ResolvedOptions): TracingHandle {
  const exporter = abandonable(
    new OTLPTraceExporter({
      url: options.tracesUrl,
      headers: { ...options.headers },
      httpAgentOptions: exportAgent,
    }),
  )
  const retail = options.system === undefined ? {} : { [RetailContext.system]: options.system }
  // As NodeSDK does: what the environment, process and host say, then the service's own name.
  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector, processDetector, hostDetector] }))
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName, ...retail }))
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [businessKeySpanProcessor(options.keys), new BatchSpanProcessor(exporter)],
  })
  provider.register({ propagator: textMapPropagator(options.propagators, options.trustInboundBaggage) })
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: withDefaults(options.instrumentations, options.tracesUrl),
  })
  patchLoadedHttp()
  return stopWithin(async () => {
    unregister()
    await provider.shutdown()
  }, exporter)
}

/**
 * Starts tracing for this service: OTLP/HTTP export to Throughline, HTTP and fetch instrumentation
 * plus any `instrumentations` given (amqplib, kafkajs, express, ...), W3C trace context and
 * baggage, and business keys on every span. Never throws into the host; a
 * second call warns and returns the first handle.
 */
export function init(options: InitOptions): TracingHandle {
  if (first !== undefined) {
    warnOnce('init-again', 'init() was called more than once; keeping the first setup')
    return first
  }
  try {
    first = start(resolveOptions(options))
  } catch (error) {
    warnOnce('init-failed', `tracing could not start (${String(error)}); the service runs without it`)
    first = inactive
  }
  return first
}
