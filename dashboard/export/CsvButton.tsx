/** A button that downloads the tables of a section as CSV, named for the page, the section and the moment. */
import type { RefObject } from 'react'
import { tablesCsv } from './csv.ts'
import { downloadFile } from './download.ts'

/** Downloads the tables inside `of` as `<name>-<time>.csv`. */
export function CsvButton({ of, name }: { readonly of: RefObject<HTMLElement | null>; readonly name: string }) {
  const download = (): void => {
    if (!of.current) return
    // The page's filters are in its address; the file carries the moment it was taken.
    downloadFile(`${name}-${new Date().toISOString().slice(0, 16).replace(':', '')}.csv`, tablesCsv(of.current), 'text/csv;charset=utf-8')
  }
  return (
    <button type="button" className="link-button csv-button" onClick={download} title="Download this table as CSV, as filtered">
      CSV
    </button>
  )
}
