/** Once-only stages reached by more than one document: each journey posted twice, its documents and the amount at risk. */
import type { DuplicatePostingsResponse } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { journeyHref } from '../router/hrefs.ts'
import { formatMoney } from './money.ts'

type Duplicate = DuplicatePostingsResponse['duplicates'][number]

/** The duplicates, newest first, each a link to its journey. */
export function DuplicatePostingsTable({ duplicates, caption }: { readonly duplicates: readonly Duplicate[]; readonly caption: string }) {
  return (
    <table className="data-table duplicate-postings">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Journey</th>
          <th scope="col">Stage</th>
          <th scope="col">Where</th>
          <th scope="col" className="num">
            Postings
          </th>
          <th scope="col">Documents</th>
          <th scope="col" className="num">
            At risk
          </th>
          <th scope="col">Last</th>
        </tr>
      </thead>
      <tbody>
        {duplicates.map((d) => (
          <tr key={`${d.type}:${d.key}:${d.stage}:${d.store ?? ''}`} className="row-error">
            <th scope="row">
              <Link to={journeyHref(d.type, d.key)}>{`${d.type} ${d.key}`}</Link>
            </th>
            <td className="mono">{d.stage}</td>
            <td>{[d.channel, d.store].filter(Boolean).join(' · ') || '–'}</td>
            <td className="num error-text">{formatCount(d.postings)}</td>
            <td>{d.documents.join(', ')}</td>
            <td className="num">{d.amountAtRisk !== undefined ? formatMoney(d.amountAtRisk, d.currency ?? '') : '–'}</td>
            <td className="nowrap">
              <Timestamp iso={d.lastAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
