/** What the trace and logs exports share: their refusal counters, the growth refusal, and a request's id. */
import { createHash } from 'node:crypto'
import { counter, type MetricRegistry } from '../../telemetry/index.ts'
import type { ExportRefusal } from './trace-export.ts'

/** A counter of refused items by reason; each series starts at zero, so a rate over it is defined from the first scrape. */
export function rejectionCounter(metrics: MetricRegistry, name: string, help: string, reasons: readonly string[]) {
  const rejected = counter(metrics, { name, help, labelNames: ['reason'] })
  for (const reason of reasons) rejected.inc({ reason }, 0)
  return rejected
}

/** The refusal of a request whose rows would grow past the limit once its resource is copied onto each of them. */
export function expansionRefusal(maxExpandedChars: number, resourceCopyChars: number, items: number, noun: string): ExportRefusal {
  return {
    kind: 'too_large',
    message: `the request would grow to over ${maxExpandedChars} characters of rows: its resource attributes (${resourceCopyChars} characters in all) are stored with each of its ${items} ${noun}; send fewer ${noun} per request or smaller resources`,
  }
}

/** The id of a request's content from a tenant: the same bytes are the same request, whichever transport brought them. */
export function requestIdOf(prefix: string, tenant: string, bytes: Uint8Array): string {
  return createHash('sha256').update(prefix).update(tenant).update('\0').update(bytes).digest('hex')
}
