import type { Context } from '@opentelemetry/api'
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base'
import { configureBusinessKeys } from './key-config.ts'
import type { BusinessKeyOptions } from './key-config.ts'
import { keysInContext } from './key-entries.ts'

// Runs on every span the host starts, so onStart does no more than read one array from context.
class BusinessKeySpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const entries = keysInContext(parentContext)
    if (entries.length === 0) return
    const attributes = span.attributes
    for (const [name, value] of entries) {
      // A value the code set on the span itself is more specific than the one in context.
      if (attributes[name] === undefined) span.setAttribute(name, value)
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve()
  }

  shutdown(): Promise<void> {
    return Promise.resolve()
  }
}

/**
 * A span processor that copies the business keys in context (or in baggage from upstream) onto
 * every span as it starts, for hosts that build their own NodeSDK. Options, when given, set the
 * process-wide aliases and extra keys, as init() does.
 */
export function businessKeySpanProcessor(options?: BusinessKeyOptions): SpanProcessor {
  if (options !== undefined) configureBusinessKeys(options)
  return new BusinessKeySpanProcessor()
}
