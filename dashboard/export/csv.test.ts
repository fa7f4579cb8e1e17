import { describe, expect, it } from 'vitest'
import { toCsv } from './csv.ts'

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, and ends every record with CRLF', () => {
    expect(
      toCsv([
        ['Store', 'Amount'],
        ['Zürich, HB', '1,234.50 EUR'],
        ['say "hi"', 'a\nb'],
      ]),
    ).toBe('Store,Amount\r\n"Zürich, HB","1,234.50 EUR"\r\n"say ""hi""","a\nb"\r\n')
  })
})
