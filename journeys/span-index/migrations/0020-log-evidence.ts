/**
 * Log records as journey evidence, for systems that only log (an ERP IDoc job, an SFTP drop, a
 * POS end-of-day upload): a record with a stage or an error severity joins the journey-span
 * index as a `log` entry under its own id, one with two keys links them, and one with a stage
 * counts in the journey lists, exactly as a span would. Records without a trace are indexed
 * under the empty trace id, which the business-key index also holds for them (migration 19).
 */
import { sql, createView, storageRef } from '../../../storage/index.ts'
import type { Migration } from '../../../storage/index.ts'

/** Creates the views that feed log records into the journey indexes. */
export const logEvidence: Migration = {
  version: 20,
  name: 'log-evidence',
  statements: (target) => [
    createView(
      target,
      'journey_spans_logs_mv',
      'journey_spans',
      sql`
      SELECT Tenant, TraceId, LogId AS SpanId, Timestamp, ServiceName, RetailSystem,
        if(EventName != '', EventName, 'log') AS SpanName, 'log' AS SpanKind,
        if(SeverityNumber >= 17, 'error', 'unset') AS StatusCode, substring(Body, 1, 1000) AS StatusMessage, Stage, BusinessKeys,
        if(LogAttributes['retail.store.id'] != '', LogAttributes['retail.store.id'], ResourceAttributes['retail.store.id']) AS Store,
        LogAttributes['retail.dead_letter'] = 'true' AS DeadLetter, toUInt32OrZero(LogAttributes['retail.retry.attempt']) AS Retries
      FROM ${storageRef(target, 'logs')}
      WHERE (Stage != '' OR SeverityNumber >= 17 OR DeadLetter = 1) AND (TraceId != '' OR length(mapKeys(BusinessKeys)) > 0)`,
    ),
    createView(
      target,
      'key_links_logs_mv',
      'key_links',
      sql`
      SELECT Tenant, KeyName, KeyValue, LinkedKeyName, LinkedKeyValue, min(Timestamp) AS Start, max(Timestamp) AS End
      FROM (SELECT Tenant, Timestamp, BusinessKeys FROM ${storageRef(target, 'logs')} WHERE length(mapKeys(BusinessKeys)) > 1)
      ARRAY JOIN mapKeys(BusinessKeys) AS KeyName, mapValues(BusinessKeys) AS KeyValue
      ARRAY JOIN mapKeys(BusinessKeys) AS LinkedKeyName, mapValues(BusinessKeys) AS LinkedKeyValue
      WHERE KeyName != LinkedKeyName
      GROUP BY Tenant, KeyName, KeyValue, LinkedKeyName, LinkedKeyValue`,
    ),
    createView(
      target,
      'journey_stages_logs_mv',
      'journey_stages',
      sql`
      SELECT Tenant, JourneyType, KeyName, KeyValue, Stage, Store,
        min(Timestamp) AS First, max(Timestamp) AS Last, min(OkTime) AS FirstOk, max(IsFailed) AS Failed,
        max(DeadLetterTime) AS DeadLetterAt, max(RetryAttempt) AS Retries,
        max(LogChannel) AS Channel, max(LogRegion) AS Region, max(RetailSystem) AS System,
        max(LogAmount) AS Amount, max(LogCurrency) AS Currency
      FROM (
        SELECT Tenant, Timestamp, Stage, BusinessKeys, RetailSystem,
          splitByChar('.', Stage)[1] AS JourneyType,
          if(LogAttributes['retail.store.id'] != '', LogAttributes['retail.store.id'], ResourceAttributes['retail.store.id']) AS Store,
          if(LogAttributes['retail.channel'] != '', LogAttributes['retail.channel'], ResourceAttributes['retail.channel']) AS LogChannel,
          if(LogAttributes['retail.region'] != '', LogAttributes['retail.region'], ResourceAttributes['retail.region']) AS LogRegion,
          LogAttributes['retail.dead_letter'] = 'true' AS IsDeadLetter,
          toUInt8(SeverityNumber >= 17 OR IsDeadLetter) AS IsFailed,
          if(IsFailed = 1, NULL, Timestamp) AS OkTime,
          if(IsDeadLetter, Timestamp, NULL) AS DeadLetterTime,
          toUInt32OrZero(LogAttributes['retail.retry.attempt']) AS RetryAttempt,
          toFloat64OrZero(LogAttributes['retail.amount']) AS LogAmount,
          LogAttributes['retail.currency'] AS LogCurrency
        FROM ${storageRef(target, 'logs')}
        WHERE Stage != '' OR IsDeadLetter
      )
      ARRAY JOIN mapKeys(BusinessKeys) AS KeyName, mapValues(BusinessKeys) AS KeyValue
      GROUP BY Tenant, JourneyType, KeyName, KeyValue, Stage, Store`,
    ),
  ],
}
