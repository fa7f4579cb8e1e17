/** The reads of the logs table: a trace's records, and the records that carry a business key value. */
import { sql, tableRef, type SchemaTarget, type Sql } from '../../storage/index.ts'

const COLUMNS = sql`LogId, toString(toUnixTimestamp64Nano(Timestamp)) AS TimeNs, TraceId, SpanId, SeverityNumber, SeverityText, Body, EventName,
  ServiceName, RetailSystem, Stage, LogAttributes, ResourceAttributes, BusinessKeys`

/** One row of a log read. */
export interface LogReadRow {
  LogId: string
  TimeNs: string
  TraceId: string
  SpanId: string
  SeverityNumber: number | string
  SeverityText: string
  Body: string
  EventName: string
  ServiceName: string
  RetailSystem: string
  Stage: string
  LogAttributes: Record<string, string>
  ResourceAttributes: Record<string, string>
  BusinessKeys: Record<string, string>
}

/** A trace's records, oldest first; one row per record before merges fold a record stored twice. */
export function traceLogsQuery(target: SchemaTarget, tenant: string, traceId: string, limit: number): Sql {
  return sql`
    SELECT ${COLUMNS} FROM ${tableRef(target, 'logs')}
    WHERE Tenant = ${tenant} AND TraceId = ${traceId}
    ORDER BY Timestamp, LogId LIMIT 1 BY LogId LIMIT ${limit}`
}

/** The newest records that carry a key value. */
export function keyLogsQuery(target: SchemaTarget, tenant: string, key: string, value: string, limit: number): Sql {
  return sql`
    SELECT ${COLUMNS} FROM ${tableRef(target, 'logs')}
    WHERE Tenant = ${tenant} AND has(mapValues(BusinessKeys), ${value}) AND BusinessKeys[${key}] = ${value}
    ORDER BY Timestamp DESC, LogId LIMIT 1 BY LogId LIMIT ${limit}`
}
