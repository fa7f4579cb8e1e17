/**
 * The JSON shapes of the query API's log records: the logs of a trace, and the logs that carry a
 * business key value. Times are ISO-8601 strings beside exact nanosecond strings.
 */
import { z } from 'zod'
import { attributesSchema } from './api.ts'

export const apiLogSchema = z
  .object({
    logId: z.string(),
    time: z.string(),
    timeUnixNano: z.string(),
    traceId: z.string().describe('Empty when the record carries no trace context, as a batch job writes.'),
    spanId: z.string().describe('The span the record was written in; empty when none.'),
    severityNumber: z.number().describe('OTLP severity, 1 (trace) to 24 (fatal); 17 and above are errors.'),
    severityText: z.string(),
    body: z.string(),
    eventName: z.string(),
    service: z.string(),
    system: z.string(),
    stage: z.string().describe('`retail.journey.stage`, or the stage a match rule gave it, when the record marks one.'),
    attributes: attributesSchema,
    resource: attributesSchema,
    businessKeys: attributesSchema,
  })
  .meta({ id: 'ApiLog', description: 'A log record as the query API returns it.' })
export type ApiLog = z.infer<typeof apiLogSchema>

export const logsResponseSchema = z
  .object({
    logs: z.array(apiLogSchema).readonly().describe('Oldest first for a trace; newest first for a key.'),
    truncated: z.boolean().describe('More records matched than were returned.'),
  })
  .meta({ id: 'LogsResponse', description: '`GET /api/logs?traceId=` or `?key=&value=`: log records.' })
export type LogsResponse = z.infer<typeof logsResponseSchema>
