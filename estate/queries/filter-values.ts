/** The values the filter lists offer: stores, channels, regions and services seen in a window. */
import { sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import { RetailContext } from '@throughline/sdk/conventions'
import { scopeCondition, type EstateFilter } from './estate-filter.ts'

/** Stores, channels, regions and services seen in the window, at most `limit` of each, sorted. */
export function filterValuesQuery(target: SchemaTarget, filter: EstateFilter, limit: number): Sql {
  return sql`
    SELECT arraySort(groupUniqArrayIf(${limit})(SpanAttributes[${RetailContext.store}], SpanAttributes[${RetailContext.store}] != '')) AS stores,
      arraySort(groupUniqArrayIf(${limit})(SpanAttributes[${RetailContext.channel}], SpanAttributes[${RetailContext.channel}] != '')) AS channels,
      arraySort(groupUniqArrayIf(${limit})(SpanAttributes[${RetailContext.region}], SpanAttributes[${RetailContext.region}] != '')) AS regions,
      arraySort(groupUniqArray(${limit})(ServiceName)) AS services
    FROM ${tableRef(target, 'spans')}
    WHERE ${scopeCondition(filter)}`
}
