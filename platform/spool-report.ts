/** Turns what the spool reports into metrics and log lines. */
import { histogram, type Log, type MetricRegistry } from '../telemetry/index.ts'
import type { SpoolEvent } from '../collector/index.ts'

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 1000 ? 2 : 0)}s`

/** A report function for the spool that counts fsync groups and logs what needs a person's eye. */
export function spoolReport(metrics: MetricRegistry, log: Log): (event: SpoolEvent) => void {
  const groups = histogram(metrics, {
    name: 'throughline_spool_fsync_group_records',
    help: 'Requests made durable by one spool fsync.',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
  })
  const fsyncs = histogram(metrics, {
    name: 'throughline_spool_fsync_duration_seconds',
    help: 'Time to write and fsync one group of spooled requests.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  })
  return (event) => {
    switch (event.kind) {
      case 'synced':
        groups.observe(event.records)
        fsyncs.observe(event.seconds)
        return
      case 'write_failed':
        log.error({ err: event.error }, `spool: ${event.records} requests refused with 503, the spool could not write them`)
        return
      case 'torn_tail':
        log.warn(
          `spool: dropped ${event.droppedBytes} bytes at the end of segment ${event.segment} (${event.reason}), a write a crash interrupted; it was never acknowledged`,
        )
        return
      case 'replaying':
        log.info(`spool: replaying ${event.records} requests (${event.bytes} bytes) not yet stored before the last stop`)
        return
      case 'corrupt_segment':
        log.error(
          event.resumedAt === undefined
            ? `spool: segment ${event.segment} holds ${event.bytes} damaged bytes from byte ${event.offset} to its end (${event.reason}); they are in the quarantine, and the records in them are lost unless they can be read from there`
            : `spool: segment ${event.segment} holds ${event.bytes} damaged bytes from byte ${event.offset} (${event.reason}); they are in the quarantine, and reading resumed at the next whole record, byte ${event.resumedAt}`,
        )
        return
      case 'handler_failed':
        log.warn({ err: event.error }, `spool: storing a batch failed (attempt ${event.attempt}); retrying in ${seconds(event.retryInMs)}`)
        return
      case 'io_failed':
        log.error({ err: event.error }, `spool: ${event.during} failed; retrying`)
        return
    }
  }
}
