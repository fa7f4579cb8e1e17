/** The SQL twin of `postingAgeOf`: the index in `POSTING_AGES` of the band an age in milliseconds falls in. */
import { POSTING_AGES } from '../../core/index.ts'
import { joinSql, sql, typed, type Sql } from '../../storage/index.ts'

/** `multiIf(age < 1 h, 0, age < 4 h, 1, ...)`, the last band taking the rest. */
export function postingAgeSql(ageMs: Sql): Sql {
  const bounded = POSTING_AGES.slice(0, -1).map((band, i) => sql`${ageMs} < ${typed(band.upToMs, 'Int64')}, ${typed(i, 'UInt8')}`)
  return sql`multiIf(${joinSql(bounded, ', ')}, ${typed(POSTING_AGES.length - 1, 'UInt8')})`
}

/** The band's label from the index the SQL gives. */
export function postingAgeLabel(index: number | string) {
  return (POSTING_AGES[Number(index)] ?? POSTING_AGES[POSTING_AGES.length - 1]!).label
}
