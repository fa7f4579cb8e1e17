/**
 * The one way SQL is written here: a tagged template that turns every interpolated value into a
 * `{pN:Type}` placeholder plus a bound parameter, as HyperDX's chSql does. Identifiers and DDL
 * integers are the only things ever rendered into the text, and only through the checked
 * wrappers below.
 */

/** A SQL text with the values it binds. */
export interface Sql {
  readonly text: string
  readonly params: Readonly<Record<string, unknown>>
}

/** A ClickHouse type name for a bound parameter. */
export type ParamType =
  | 'String'
  | 'UInt8'
  | 'UInt32'
  | 'UInt64'
  | 'Int64'
  | 'Float64'
  | 'Bool'
  | 'DateTime64(3)'
  | 'DateTime64(9)'
  | 'Array(String)'
  | 'Array(Int64)'

class Typed {
  constructor(
    readonly value: unknown,
    readonly type: ParamType,
  ) {}
}

class Identifier {
  constructor(readonly name: string) {}
}

class DdlInteger {
  constructor(readonly value: number) {}
}

class Fragment implements Sql {
  constructor(
    readonly text: string,
    readonly params: Readonly<Record<string, unknown>>,
    readonly types: Readonly<Record<string, ParamType>>,
  ) {}
}

/** A value that may appear in a `sql` template. */
export type SqlValue = string | number | boolean | bigint | Date | readonly string[] | Typed | Identifier | DdlInteger | Sql

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/

/** A table, database or column name, checked against the identifier grammar. Never pass user input. */
export function identifier(name: string): Identifier {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${JSON.stringify(name)}`)
  return new Identifier(name)
}

/** A non-negative integer rendered into DDL, where ClickHouse takes no parameters (TTL days). */
export function ddlInteger(value: number): DdlInteger {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not a non-negative integer: ${value}`)
  return new DdlInteger(value)
}

/** A value bound with an explicit ClickHouse type. */
export function typed(value: unknown, type: ParamType): Typed {
  return new Typed(value, type)
}

function inferType(value: unknown): ParamType {
  if (typeof value === 'string') return 'String'
  if (typeof value === 'boolean') return 'Bool'
  if (typeof value === 'bigint') return 'Int64'
  if (typeof value === 'number') return Number.isInteger(value) ? 'Int64' : 'Float64'
  if (value instanceof Date) return 'DateTime64(3)'
  if (Array.isArray(value)) return 'Array(String)'
  throw new Error(`cannot bind a value of type ${typeof value}`)
}

function bindable(value: unknown): unknown {
  if (value instanceof Date) return (value.getTime() / 1000).toFixed(3)
  if (typeof value === 'bigint') return value.toString()
  return value
}

/** Builds parameterised SQL: `sql\`SELECT * FROM ${identifier('t')} WHERE id = ${id}\``. */
export function sql(strings: TemplateStringsArray, ...values: readonly SqlValue[]): Sql {
  let text = strings[0] ?? ''
  const params: Record<string, unknown> = {}
  const types: Record<string, ParamType> = {}
  let next = 0
  const bind = (value: unknown, type: ParamType): string => {
    const name = `p${next++}`
    params[name] = bindable(value)
    types[name] = type
    return `{${name}:${type}}`
  }
  values.forEach((value, i) => {
    if (value instanceof Identifier) text += value.name
    else if (value instanceof DdlInteger) text += String(value.value)
    else if (value instanceof Typed) text += bind(value.value, value.type)
    else if (value instanceof Fragment) {
      // Renumber the fragment's parameters into this statement's sequence.
      text += value.text.replace(/\{(p\d+):([^}]+)\}/g, (_m, name: string) => bind(value.params[name], value.types[name] ?? 'String'))
    } else text += bind(value, inferType(value))
    text += strings[i + 1] ?? ''
  })
  return new Fragment(text, params, types)
}

/** Joins fragments with a separator (`AND`, `,`), for optional filters. */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  if (parts.length === 0) return sql``
  const strings = Object.assign(['', ...parts.slice(1).map(() => separator), ''], { raw: [] as string[] })
  return sql(strings, ...parts)
}
