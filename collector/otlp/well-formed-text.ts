/**
 * Text the store can always take. JSON.parse hands back lone UTF-16 surrogates (a client that
 * cut a string mid-emoji), which ClickHouse refuses to parse, and either encoding can carry NUL,
 * which C-string tools downstream cut at. Both become U+FFFD, the mark UTF-8 decoding already
 * uses for bytes that are not text, so a repaired value shows where it was damaged.
 */

const REPLACEMENT = '\uFFFD'

/** The text with lone surrogates and NUL characters replaced by U+FFFD. */
export function wellFormed(text: string): string {
  const repaired = text.isWellFormed() ? text : text.toWellFormed()
  return withoutNul(repaired)
}

/** The text with NUL characters replaced by U+FFFD. */
export function withoutNul(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', REPLACEMENT) : text
}
