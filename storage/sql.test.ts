import { describe, expect, it } from 'vitest'
import { ddlInteger, identifier, joinSql, sql, typed } from './sql.ts'

describe('sql', () => {
  it('binds every value as a typed placeholder and never splices it into the text', () => {
    const evil = "x' OR 1=1 --"
    const q = sql`SELECT * FROM ${identifier('db.spans')} WHERE Tenant = ${'acme'} AND KeyValue = ${evil} AND n > ${3} AND f < ${0.5}`
    expect(q.text).toBe(
      'SELECT * FROM db.spans WHERE Tenant = {p0:String} AND KeyValue = {p1:String} AND n > {p2:Int64} AND f < {p3:Float64}',
    )
    expect(q.params).toEqual({ p0: 'acme', p1: evil, p2: 3, p3: 0.5 })
    expect(q.text).not.toContain('OR 1=1')
  })

  it('renumbers the parameters of nested fragments', () => {
    const a = sql`a = ${'x'}`
    const b = sql`b = ${typed('1700000000.5', 'DateTime64(9)')}`
    const q = sql`SELECT 1 WHERE ${joinSql([a, b], ' AND ')} AND c = ${true}`
    expect(q.text).toBe('SELECT 1 WHERE a = {p0:String} AND b = {p1:DateTime64(9)} AND c = {p2:Bool}')
    expect(q.params).toEqual({ p0: 'x', p1: '1700000000.5', p2: true })
  })

  it('refuses identifiers and DDL integers that are not plain', () => {
    expect(() => identifier('spans; DROP TABLE x')).toThrow(/identifier/)
    expect(() => identifier('`a`')).toThrow(/identifier/)
    expect(() => ddlInteger(1.5)).toThrow(/integer/)
    expect(sql`TTL + INTERVAL ${ddlInteger(30)} DAY`.text).toBe('TTL + INTERVAL 30 DAY')
  })

  it('binds dates as seconds and string arrays as arrays', () => {
    const q = sql`t >= ${new Date(1_700_000_000_123)} AND s IN ${['a', 'b']}`
    expect(q.text).toBe('t >= {p0:DateTime64(3)} AND s IN {p1:Array(String)}')
    expect(q.params).toEqual({ p0: '1700000000.123', p1: ['a', 'b'] })
  })
})
