/** Amounts of money with their currency, two decimals and thousands separators: `17,832.50 EUR`. */

const amounts = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** An amount and its currency code; `–` when it is not a number. */
export function formatMoney(amount: number, currency: string): string {
  if (!Number.isFinite(amount)) return '–'
  return currency ? `${amounts.format(amount)} ${currency}` : amounts.format(amount)
}
