/** Span or resource attributes as a key/value table, sorted by key. */
import type { ReactNode } from 'react'
import type { Attributes } from '../../core/index.ts'

/** Props of an attribute table. `renderValue` may turn a value into a link. */
export interface AttributeTableProps {
  readonly attributes: Attributes
  readonly empty?: string
  readonly renderValue?: (key: string, value: string) => ReactNode
}

/** A two-column table of attributes; a muted note when there are none. */
export function AttributeTable({ attributes, empty = 'None.', renderValue }: AttributeTableProps) {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b))
  if (entries.length === 0) return <p className="muted">{empty}</p>
  return (
    <table className="attr-table">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>{renderValue ? renderValue(key, value) : value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
