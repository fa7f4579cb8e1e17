/** The platform's own telemetry: structured logs, the access log and Prometheus metrics. Imports nothing of ours. */
export { createLog, LOG_FORMATS, LOG_LEVELS, SILENT_LOG } from './log.ts'
export type { Log, LogFormat, LogLevel, LogOptions } from './log.ts'
export { accessLog, accessLogger } from './access-log.ts'
export { collectProcessMetrics, counter, gauge, histogram, MetricRegistry, metricsText } from './metrics.ts'
export type { Counter, Gauge, Histogram } from './metrics.ts'
