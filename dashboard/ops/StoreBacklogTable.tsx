/** Store sales published from the tills and not yet posted to the ERP, per store, the largest backlog first. */
import type { StoreSalesBacklogResponse } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'

/** The backlog table; `store` narrows it to one store. */
export function StoreBacklogTable({ answer, store }: { readonly answer: StoreSalesBacklogResponse; readonly store?: string }) {
  const stores = store === undefined ? answer.stores : answer.stores.filter((s) => s.store === store)
  return (
    <table className="data-table">
      <caption>Sales published from the store versus posted to the ERP</caption>
      <thead>
        <tr>
          <th scope="col">Store</th>
          <th scope="col" className="num">
            Published
          </th>
          <th scope="col" className="num">
            Posted
          </th>
          <th scope="col" className="num">
            Backlog
          </th>
          <th scope="col" className="num">
            Oldest unposted
          </th>
        </tr>
      </thead>
      <tbody>
        {stores.map((s) => (
          <tr key={s.store} className={s.backlog > 0 ? 'row-error' : undefined}>
            <th scope="row">{s.store}</th>
            <td className="num">{formatCount(s.published)}</td>
            <td className="num">{formatCount(s.posted)}</td>
            <td className={s.backlog > 0 ? 'num error-text' : 'num'}>{formatCount(s.backlog)}</td>
            <td className="num">{s.oldestUnpostedAgeMs !== undefined ? `${formatDuration(s.oldestUnpostedAgeMs)} ago` : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
