/** Where the receiver hands accepted spans: the spool or, in tests, anything that stores them. */
import type { SpanRecord } from '../../core/index.ts'
import type { Acceptance } from '../acceptance.ts'

/** Takes a tenant's decoded spans; resolves only once they are durable. */
export interface SpanSink {
  /** `requestId` identifies the request's content, so a retried request can be stored once. */
  accept(tenant: string, spans: readonly SpanRecord[], requestId: string): Promise<Acceptance>
}
