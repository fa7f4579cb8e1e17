/** Where the receiver hands accepted log records: the spool or, in tests, anything that stores them. */
import type { LogRecord } from '../../core/index.ts'
import type { Acceptance } from '../acceptance.ts'

/** Takes a tenant's decoded log records; resolves only once they are durable. */
export interface LogSink {
  /** `requestId` identifies the request's content, so a retried request can be stored once. */
  accept(tenant: string, records: readonly LogRecord[], requestId: string): Promise<Acceptance>
}
