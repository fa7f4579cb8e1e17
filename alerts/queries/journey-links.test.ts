import { describe, expect, it } from 'vitest'
import type { SchemaTarget } from '../../storage/index.ts'
import { keyJourneyTypesQuery, keyTracesQuery, pickJourneyTypes, pickTraces, wantedTraceId } from './journey-links.ts'

const target: SchemaTarget = { database: 'throughline', retentionDays: 30 }

describe('journey links', () => {
  it('pick the trace that was running when the journey reached its stage, the latest started of several', () => {
    const wanted = { tenant: 'acme', keyName: 'retail.order.id', key: 'WEB-1', atNs: '5000' }
    const rows = [
      { tenant: 'acme', keyName: 'retail.order.id', key: 'WEB-1', trace: 'placed', startNs: '1000', endNs: '1200' },
      { tenant: 'acme', keyName: 'retail.order.id', key: 'WEB-1', trace: 'long', startNs: '900', endNs: '9000' },
      { tenant: 'acme', keyName: 'retail.order.id', key: 'WEB-1', trace: 'reserved', startNs: '4990', endNs: '5100' },
      { tenant: 'globex', keyName: 'retail.order.id', key: 'WEB-1', trace: 'other-tenant', startNs: '4999', endNs: '5001' },
    ]
    expect(pickTraces([wanted], rows).get(wantedTraceId(wanted))).toBe('reserved')
    expect(pickTraces([{ ...wanted, atNs: '99999' }], rows).size).toBe(0)
  })

  it('type a key by the journey state it has, in the configured order, and bind every key as a value', () => {
    const rows = [
      { tenant: 'acme', keyName: 'retail.order.id', key: 'POS-1', types: ['sale'] },
      { tenant: 'acme', keyName: 'retail.order.id', key: 'X-1', types: ['sale', 'order'] },
    ]
    expect(Object.fromEntries(pickJourneyTypes(rows, ['order', 'sale']))).toEqual({
      'acme\u0000retail.order.id\u0000POS-1': 'sale',
      'acme\u0000retail.order.id\u0000X-1': 'order',
    })
    const keys = [{ tenant: 'acme', keyName: 'retail.order.id', key: "POS-1'; DROP TABLE spans; --" }]
    const query = keyJourneyTypesQuery(target, keys, ['order', 'sale'], new Date(0))
    expect(query.text).not.toContain('DROP')
    expect(Object.values(query.params)).toEqual(expect.arrayContaining([["POS-1'; DROP TABLE spans; --"], ['order', 'sale']]))
    expect(keyTracesQuery(target, [{ ...keys[0]!, atNs: '1772452800000000000' }]).text).toContain('FROM throughline.business_keys')
  })
})
