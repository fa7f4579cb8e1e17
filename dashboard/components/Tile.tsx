/** A headline number with its label, such as "Spans, last hour: 12,345". */

/** Props of a headline tile. */
export interface TileProps {
  readonly label: string
  readonly value: string
  readonly note?: string
  readonly alarm?: boolean
}

/** One headline number. `alarm` draws it in the error colour (errors above zero). */
export function Tile({ label, value, note, alarm }: TileProps) {
  return (
    <div className={alarm ? 'tile tile-alarm' : 'tile'}>
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      {note ? <div className="tile-note">{note}</div> : null}
    </div>
  )
}
