/** `/ops`: the operations view for stores and fulfilment (planned). */
import { PlannedPage } from '../components/PlannedPage.tsx'

/** The operations page. */
export function OpsPage() {
  return (
    <PlannedPage
      title="Operations"
      audience="For store and fulfilment operations."
      plans={[
        'fulfilment delays: orders late or stalled against their stage SLAs',
        'buy online, pick up in store: orders waiting to be ready for pickup, and not yet picked up, by store',
        'promotion propagation: when each promotion went live online and in each store',
        'stock mismatches between systems, by channel and store',
      ]}
      meanwhile={[
        { to: '/journeys', label: 'Journeys', why: 'search an order (retail.order.id) or a promotion (retail.promotion.id) to see where it is' },
        { to: '/', label: 'Overview', why: 'recent business keys and errors per service' },
      ]}
    />
  )
}
