/**
 * OTLP/JSON attributes flattened to the same strings the protobuf decoder produces. Field names
 * are accepted in lowerCamelCase (what the OTLP spec asks senders for) and in the proto's
 * snake_case (what proto3 JSON parsers also accept); a value of the wrong type reads as absent.
 */
import { Buffer } from 'node:buffer'
import type { Attributes } from '../../core/index.ts'
import { doubleJson, doubleText, hexIdBytes } from './otlp-values.ts'
import { setAttribute } from './span-validation.ts'
import { wellFormed } from './well-formed-text.ts'
import type { ValueTally } from './span-validation.ts'

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>

const INTEGER_TEXT = /^[-+]?\d+$/
const INT64_MIN = -(2n ** 63n)
const UINT64_MAX = 2n ** 64n - 1n
/** Longest integer text read: a sign and 20 digits, with room for a few leading zeros. */
const MAX_INT64_TEXT = 32
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity'])

/** Whether a parsed JSON value is an object (not an array or null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A field by its lowerCamelCase name, falling back to its snake_case proto name. */
export function jsonField(object: JsonObject, camel: string, snake: string): unknown {
  const value = object[camel]
  return value === undefined ? object[snake] : value
}

/** A JSON array field, or an empty array when it is absent or not an array. */
export function jsonArray(object: JsonObject, camel: string, snake: string): readonly unknown[] {
  const value = jsonField(object, camel, snake)
  return Array.isArray(value) ? value : []
}

/** A JSON string field, made well-formed and cut to the value limit; '' when absent or not a string. */
export function jsonString(object: JsonObject, camel: string, snake: string, tally: ValueTally): string {
  const value = jsonField(object, camel, snake)
  return typeof value === 'string' ? tally.cut(wellFormed(value)) : ''
}

/**
 * An OTLP/JSON int64 (a decimal string or a number) as exact decimal text, or '' when invalid.
 * Text too long to be a 64-bit integer is refused before it is parsed: BigInt of a million
 * digits would hold the event loop for seconds. Fixed64 timestamps share this reader, so the
 * range admits uint64 too; the timestamps' own window is checked after decoding.
 */
export function int64Text(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return ''
    if (Number.isSafeInteger(value)) return String(value)
    return inInt64Range(BigInt(value))
  }
  if (typeof value !== 'string' || value.length > MAX_INT64_TEXT || !INTEGER_TEXT.test(value)) return ''
  // Normalises "+7" and "007" the way the protobuf decoder would print them.
  return value.length < 16 ? String(Number(value)) : inInt64Range(BigInt(value))
}

function inInt64Range(value: bigint): string {
  return value >= INT64_MIN && value <= UINT64_MAX ? value.toString() : ''
}

/** Reads an attribute list into `into`, keeping at most the attribute limit. */
export function readJsonAttributes(list: unknown, tally: ValueTally, into: Attributes): void {
  if (!Array.isArray(list)) return
  const kept = Math.min(list.length, tally.maxAttributes)
  tally.truncated += list.length - kept
  for (let i = 0; i < kept; i++) {
    const keyValue: unknown = list[i]
    if (!isJsonObject(keyValue)) continue
    const key = typeof keyValue.key === 'string' ? tally.cut(wellFormed(keyValue.key)) : ''
    const value = keyValue.value
    setAttribute(into, key, isJsonObject(value) ? tally.cut(wellFormed(anyValueText(value, tally))) : '')
  }
}

/** An AnyValue as attribute text ('' when it holds no value). */
export function anyValueText(value: JsonObject, tally: ValueTally): string {
  const string = jsonField(value, 'stringValue', 'string_value')
  if (typeof string === 'string') return string
  const bool = jsonField(value, 'boolValue', 'bool_value')
  if (typeof bool === 'boolean') return bool ? 'true' : 'false'
  const int = int64Text(jsonField(value, 'intValue', 'int_value'))
  if (int !== '') return int
  const double = doubleOf(jsonField(value, 'doubleValue', 'double_value'))
  if (double !== undefined) return doubleText(double)
  const array = jsonField(value, 'arrayValue', 'array_value')
  if (isJsonObject(array)) return listJson(array, tally, 1, false)
  const kvlist = jsonField(value, 'kvlistValue', 'kvlist_value')
  if (isJsonObject(kvlist)) return listJson(kvlist, tally, 1, true)
  const bytes = jsonField(value, 'bytesValue', 'bytes_value')
  if (typeof bytes === 'string') return base64Prefix(bytes, tally)
  return ''
}

/** An ArrayValue or KeyValueList as JSON; past the depth limit, null; past the length limit, elements are left out. */
function listJson(list: JsonObject, tally: ValueTally, depth: number, keyed: boolean): string {
  if (depth > tally.maxDepth) {
    tally.truncated++
    return 'null'
  }
  const values = jsonArray(list, 'values', 'values')
  let json = keyed ? '{' : '['
  for (let i = 0; i < values.length && json.length <= tally.maxValueLength; i++) {
    if (json.length > 1) json += ','
    const element: unknown = values[i]
    if (!keyed) json += isJsonObject(element) ? anyValueJson(element, tally, depth) : 'null'
    else if (isJsonObject(element)) {
      const key = typeof element.key === 'string' ? quotedPrefix(element.key, tally) : '""'
      json += `${key}:${isJsonObject(element.value) ? anyValueJson(element.value, tally, depth) : 'null'}`
    } else json += '"":null'
  }
  return json + (keyed ? '}' : ']')
}

/** An AnyValue nested in an array or map, as JSON (null when it holds no value). */
function anyValueJson(value: JsonObject, tally: ValueTally, depth: number): string {
  const string = jsonField(value, 'stringValue', 'string_value')
  if (typeof string === 'string') return quotedPrefix(string, tally)
  const bool = jsonField(value, 'boolValue', 'bool_value')
  if (typeof bool === 'boolean') return bool ? 'true' : 'false'
  const int = int64Text(jsonField(value, 'intValue', 'int_value'))
  if (int !== '') return int
  const double = doubleOf(jsonField(value, 'doubleValue', 'double_value'))
  if (double !== undefined) return doubleJson(double)
  const array = jsonField(value, 'arrayValue', 'array_value')
  if (isJsonObject(array)) return listJson(array, tally, depth + 1, false)
  const kvlist = jsonField(value, 'kvlistValue', 'kvlist_value')
  if (isJsonObject(kvlist)) return listJson(kvlist, tally, depth + 1, true)
  const bytes = jsonField(value, 'bytesValue', 'bytes_value')
  if (typeof bytes === 'string') return `"${base64Prefix(bytes, tally)}"`
  return 'null'
}

/** A string nested in a flattened value, as a JSON literal; the whole value is cut later, so a prefix is enough. */
function quotedPrefix(text: string, tally: ValueTally): string {
  return JSON.stringify(text.length > tally.maxValueLength ? text.slice(0, tally.maxValueLength + 1) : text)
}

/** A proto3 JSON double: a number, or a string holding one or NaN/Infinity/-Infinity. */
function doubleOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value !== 'string' || value.trim() === '') return undefined
  if (NON_FINITE.has(value)) return Number(value)
  const number = Number(value)
  return Number.isNaN(number) ? undefined : number
}

/** Base64 (standard alphabet, padded) of a JSON bytes value, re-encoded only as far as the value limit reaches. */
function base64Prefix(base64: string, tally: ValueTally): string {
  const maxChars = (Math.ceil(tally.maxValueLength / 4) + 1) * 4
  return Buffer.from(base64.length > maxChars ? base64.slice(0, maxChars) : base64, 'base64').toString('base64')
}

/** Byte length of a hex id field: 0 when absent or empty, -1 when not hex. */
export function idBytes(id: unknown): number {
  return typeof id === 'string' ? hexIdBytes(id) : 0
}

/** A fixed64 timestamp; an invalid one reads as 0, as an absent one does. */
export function nanos(value: unknown): bigint {
  const text = int64Text(value)
  return text === '' ? 0n : BigInt.asUintN(64, BigInt(text))
}
