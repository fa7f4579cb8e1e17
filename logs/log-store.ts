/** Reads of stored log records, as the query API answers them. */
import type { ApiLog, LogsResponse } from '../core/index.ts'
import { nanosToIso } from '../spans/index.ts'
import type { SchemaTarget, Warehouse } from '../storage/index.ts'
import { keyLogsQuery, traceLogsQuery, type LogReadRow } from './queries/log-reads.ts'

/** Most records one answer holds. */
export const MAX_LOGS = 1000

/** The log reads of one warehouse. */
export interface LogStore {
  ofTrace(tenant: string, traceId: string): Promise<LogsResponse>
  ofKey(tenant: string, key: string, value: string): Promise<LogsResponse>
}

function toApiLog(row: LogReadRow): ApiLog {
  return {
    logId: row.LogId,
    time: nanosToIso(row.TimeNs),
    timeUnixNano: row.TimeNs,
    traceId: row.TraceId,
    spanId: row.SpanId,
    severityNumber: Number(row.SeverityNumber),
    severityText: row.SeverityText,
    body: row.Body,
    eventName: row.EventName,
    service: row.ServiceName,
    system: row.RetailSystem,
    stage: row.Stage,
    attributes: row.LogAttributes,
    resource: row.ResourceAttributes,
    businessKeys: row.BusinessKeys,
  }
}

function answer(rows: readonly LogReadRow[]): LogsResponse {
  return { logs: rows.slice(0, MAX_LOGS).map(toApiLog), truncated: rows.length > MAX_LOGS }
}

/** The store over a warehouse. */
export function createLogStore(warehouse: Warehouse, target: SchemaTarget): LogStore {
  return {
    async ofTrace(tenant, traceId) {
      return answer(await warehouse.rows<LogReadRow>(traceLogsQuery(target, tenant, traceId, MAX_LOGS + 1)))
    },
    async ofKey(tenant, key, value) {
      return answer(await warehouse.rows<LogReadRow>(keyLogsQuery(target, tenant, key, value, MAX_LOGS + 1)))
    },
  }
}
