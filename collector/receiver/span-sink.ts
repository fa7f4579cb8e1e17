/** Where the receiver hands accepted spans: the spool or, in tests, anything that stores them. */
import type { SpanRecord } from '../../core/index.ts'

/** The answer of a sink: stored durably, or too busy to take more now. */
export type SinkResult =
  | { readonly kind: 'stored' }
  | { readonly kind: 'busy'; readonly retryAfterSeconds: number; readonly reason: string }

/** Takes a tenant's decoded spans; resolves only once they are durable. */
export interface SpanSink {
  /**
   * `requestId` identifies the request's content, so a retried request can be stored once;
   * `bodyBytes` is its decompressed size, for accounting of what awaits storage.
   */
  accept(tenant: string, spans: readonly SpanRecord[], requestId: string, bodyBytes: number): Promise<SinkResult>
}
