/** The browser tab's title for the page on screen. */
import { useEffect } from 'react'

/** Sets the tab title to `<title> · Throughline` while the page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Throughline`
  }, [title])
}
