import { ExportResultCode } from '@opentelemetry/core'
import type { ExportResult } from '@opentelemetry/core'
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base'

/** An exporter whose exports in flight can be given up, so nothing of ours outlives shutdown(). */
export interface AbandonableExporter extends SpanExporter {
  /** Answers every export still waiting on the collector as failed, now. */
  abandon(): void
}

/**
 * Wraps an exporter so that shutdown() can stop waiting for a collector that hangs: the batch
 * processor holds a timer while an export is pending, and that timer would keep the host alive
 * for the whole export timeout after shutdown() had already given up.
 */
export function abandonable(exporter: SpanExporter): AbandonableExporter {
  const pending = new Set<(result: ExportResult) => void>()
  return {
    export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
      const answer = (result: ExportResult): void => {
        // Whichever comes first, the collector or abandon(), answers; the other is ignored.
        if (pending.delete(answer)) resultCallback(result)
      }
      pending.add(answer)
      exporter.export(spans, answer)
    },
    abandon(): void {
      const error = new Error('export abandoned at shutdown')
      for (const answer of [...pending]) answer({ code: ExportResultCode.FAILED, error })
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  }
}
