/** A button that downloads the tables of a section as CSV, named for the page, the section and the moment. */
import type { RefObject } from 'react'
import { tablesCsv } from './csv.ts'

/** Downloads the tables inside `of` as `<name>-<time>.csv`. */
export function CsvButton({ of, name }: { readonly of: RefObject<HTMLElement | null>; readonly name: string }) {
  const download = (): void => {
    if (!of.current) return
    const blob = new Blob([tablesCsv(of.current)], { type: 'text/csv;charset=utf-8' })
    const link = document.createElement('a')
    link.href = URL.createObjectURL(blob)
    // The page's filters are in its address; the file carries the moment it was taken.
    link.download = `${name}-${new Date().toISOString().slice(0, 16).replace(':', '')}.csv`
    link.click()
    URL.revokeObjectURL(link.href)
  }
  return (
    <button type="button" className="link-button csv-button" onClick={download} title="Download this table as CSV, as filtered">
      CSV
    </button>
  )
}
