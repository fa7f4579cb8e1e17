/** Promotion propagation: how far each promotion has reached the stores, and each store's record. */
import type { PromotionPropagationResponse } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { journeyHref } from '../router/hrefs.ts'

/** The latest promotions and the stores still missing them. */
export function PromotionsTable({ answer, store }: { readonly answer: PromotionPropagationResponse; readonly store?: string }) {
  const promotions =
    store === undefined ? answer.promotions : answer.promotions.filter((p) => p.missingStores.includes(store) || p.storesLive > 0)
  return (
    <table className="data-table">
      <caption>Latest promotions: stores live of those targeted</caption>
      <thead>
        <tr>
          <th scope="col">Promotion</th>
          <th scope="col">Published</th>
          <th scope="col" className="num">
            Live
          </th>
          <th scope="col" className="num">
            p95 to live
          </th>
          <th scope="col">Missing stores</th>
        </tr>
      </thead>
      <tbody>
        {promotions.slice(0, 12).map((p) => (
          <tr key={p.promotionId} className={p.missingStores.length > 0 ? 'row-error' : undefined}>
            <th scope="row">
              <Link to={journeyHref('promotion', p.promotionId)}>{p.promotionId}</Link>
            </th>
            <td>{p.publishedAt ? <Timestamp iso={p.publishedAt} /> : <span className="muted">–</span>}</td>
            <td className="num">
              {formatCount(p.storesLive)} / {formatCount(p.storesTargeted)}
            </td>
            <td className="num">{p.p95LiveMs !== undefined ? formatDuration(p.p95LiveMs) : '–'}</td>
            <td>
              {p.missingStores.length > 0 ? (
                <span className="warn-text">{p.missingStores.join(', ')}</span>
              ) : (
                <span className="muted">none</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Per store: promotions live, promotions still missing, and how fast they go live. */
export function PromotionStoresTable({ answer, store }: { readonly answer: PromotionPropagationResponse; readonly store?: string }) {
  const stores = store === undefined ? answer.stores : answer.stores.filter((s) => s.store === store)
  return (
    <table className="data-table">
      <caption>Per store</caption>
      <thead>
        <tr>
          <th scope="col">Store</th>
          <th scope="col" className="num">
            Live
          </th>
          <th scope="col" className="num">
            Missing
          </th>
          <th scope="col" className="num">
            p95 to live
          </th>
        </tr>
      </thead>
      <tbody>
        {stores.map((s) => (
          <tr key={s.store} className={s.promotionsMissing > 0 ? 'row-error' : undefined}>
            <th scope="row">{s.store}</th>
            <td className="num">{formatCount(s.promotionsLive)}</td>
            <td className={s.promotionsMissing > 0 ? 'num error-text' : 'num'}>{formatCount(s.promotionsMissing)}</td>
            <td className="num">{s.p95LiveMs !== undefined ? formatDuration(s.p95LiveMs) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
