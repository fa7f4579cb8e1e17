/** CSV as RFC 4180 writes it, and the rows of a table on screen: what the reader sees is what the file holds. */

/** A field quoted when it holds a comma, quote or line break, with quotes doubled. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Rows as CSV text, CRLF between records as the RFC says. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n'
}

/** A table's header and body rows as text, cell by cell, whitespace folded. */
export function tableRows(table: HTMLTableElement): string[][] {
  const text = (cell: Element): string => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()
  return [...table.querySelectorAll('thead tr, tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map(text))
}

/** The CSV of every table in an element; several tables follow one another, each under its caption. */
export function tablesCsv(root: Element): string {
  const tables = [...root.querySelectorAll('table')]
  if (tables.length === 1) return toCsv(tableRows(tables[0]!))
  return tables.map((table) => toCsv([[table.caption?.textContent?.trim() ?? ''], ...tableRows(table)])).join('\r\n')
}
