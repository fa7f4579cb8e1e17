/** `/finance`: the finance view of settlements and postings (planned). */
import { PlannedPage } from '../components/PlannedPage.tsx'

/** The finance page. */
export function FinancePage() {
  return (
    <PlannedPage
      title="Finance"
      audience="For finance and accounting."
      plans={[
        'settlement status: captured, batched, posted to the ERP, reconciled',
        'sales and settlements not yet posted to the ERP, oldest first',
        'refunds and taxes, by channel and store',
      ]}
      meanwhile={[
        { to: '/journeys', label: 'Journeys', why: 'search a settlement (retail.settlement.id) or payment (retail.payment.id) to follow it to the ERP' },
        { to: '/', label: 'Overview', why: 'errors per service, including the ERP gateway' },
      ]}
    />
  )
}
