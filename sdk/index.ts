/**
 * Throughline's SDK for retail integration services: OpenTelemetry tracing with business keys
 * that follow an order, return or settlement across HTTP calls and queue hops.
 */
export { init } from './init.ts'
export type { TracingHandle } from './init.ts'
export type { InitOptions } from './options.ts'
export { withBusinessKeys, activeBusinessKeys } from './business-keys.ts'
export type { BusinessKeys, BusinessKeyValue } from './key-entries.ts'
export type { BusinessKeyOptions } from './key-config.ts'
export { stage } from './stage.ts'
export { inject } from './message-headers.ts'
export type { MessageHeaders, TracedHeaders } from './message-headers.ts'
export { consume, produce, replay } from './messaging.ts'
export { recordRetry, deadLetter } from './retry.ts'
export { businessKeySpanProcessor } from './span-processor.ts'
export { BAGGAGE_LIMITS } from './baggage-limits.ts'
export {
  BusinessKey,
  BUSINESS_KEYS,
  RetailContext,
  CONTEXT_KEYS,
  RetailAttribute,
  RetailEvent,
  DEAD_LETTER_REASON,
  CHANNELS,
  SYSTEMS,
} from './conventions.ts'
export type { BusinessKeyName, ContextKeyName, Channel } from './conventions.ts'
