/**
 * The platform's metrics on prom-client: the contract's series, defined by the features that
 * count them, plus the process and event-loop figures operators expect (heap, event-loop lag,
 * GC, CPU, open handles) once `collectProcessMetrics` is called.
 */
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type Registry,
} from 'prom-client'

export { Registry as MetricRegistry } from 'prom-client'
export type { Counter, Gauge, Histogram } from 'prom-client'

/** Adds the standard Node.js process metrics (`process_*`, `nodejs_*`) to a registry. */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry })
}

/** The Prometheus text exposition of a registry, with its content type. */
export async function metricsText(registry: Registry): Promise<{ readonly body: string; readonly contentType: string }> {
  return { body: await registry.metrics(), contentType: registry.contentType }
}

// Two features may count into one series (the drain and the spool's damage keeper both
// quarantine spans): the first definition registers it, the second gets the same metric.
function registered<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create()
}

/** A counter in the registry, created once. */
export function counter<L extends string = string>(registry: Registry, config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
  return registered(registry, config.name, () => new Counter<L>({ ...config, registers: [registry] }))
}

/** A gauge in the registry, created once; `collect` makes it read at scrape time. */
export function gauge<L extends string = string>(registry: Registry, config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
  return registered(registry, config.name, () => new Gauge<L>({ ...config, registers: [registry] }))
}

/** A histogram in the registry, created once. */
export function histogram<L extends string = string>(
  registry: Registry,
  config: Omit<HistogramConfiguration<L>, 'registers'>,
): Histogram<L> {
  return registered(registry, config.name, () => new Histogram<L>({ ...config, registers: [registry] }))
}
