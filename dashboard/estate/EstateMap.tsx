/**
 * The estate as a map: a box per service with its volume, errors and p95, and an arrow per hop,
 * as wide as its throughput, red with errors and amber when messages wait in the queue, labelled
 * with its throughput, p95 and error rate when pointed at (always when it fails). A box leads to
 * the service in the IT view, an arrow to the hop's details there.
 */
import type { MouseEvent, ReactNode } from 'react'
import type { EstateHop, EstateService } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount, formatPerMinute, formatRate } from '../format/number.ts'
import { navigate } from '../router/location.ts'
import { layoutEstateMap, NODE_HEIGHT, NODE_WIDTH } from './mapLayout.ts'

const CANVAS_WIDTH = 1240
/** A message hop whose p95 wait in the queue reaches this is drawn in the warning colour. */
const QUEUED_MS = 1000

/** Props of the estate map. */
export interface EstateMapProps {
  readonly services: readonly EstateService[]
  readonly hops: readonly EstateHop[]
  readonly minutes: number
  /** Where a click on a service leads. */
  readonly serviceHref: (service: string) => string
  /** Where a click on a hop leads: its details. */
  readonly hopHref: (hop: EstateHop) => string
}

/** A link in the map; its name is its text unless `label` gives one that holds that text. */
function SvgLink({ to, label, children }: { readonly to: string; readonly label?: string; readonly children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} onClick={onClick} aria-label={label}>
      {children}
    </a>
  )
}

function hopSummary(hop: EstateHop, minutes: number): string {
  const errors = hop.errors > 0 ? ` · ${formatRate(hop.errors, hop.count)} err` : ''
  return `${formatPerMinute(hop.count, minutes)}/min · p95 ${formatDuration(hop.p95Ms)}${errors}`
}

/** The map of services and hops. */
export function EstateMap({ services, hops, minutes, serviceHref, hopHref }: EstateMapProps) {
  const layout = layoutEstateMap(services, hops, CANVAS_WIDTH, (hop) => hopSummary(hop, minutes))
  const maxCount = Math.max(1, ...hops.map((h) => h.count))
  return (
    <figure className="estate-map">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-labelledby="estate-map-caption">
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="11"
            markerHeight="11"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="map-arrow" />
          </marker>
          <marker
            id="arrow-error"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="11"
            markerHeight="11"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="map-arrow map-arrow-error" />
          </marker>
        </defs>
        {layout.edges.map((edge) => {
          const { hop } = edge
          const title = `${hop.fromService} → ${hop.toService} (${hop.kind === 'call' ? 'HTTP call' : 'message'}): ${formatCount(hop.count)} in the window, ${hopSummary(hop, minutes)}, p50 ${formatDuration(hop.p50Ms)}, p99 ${formatDuration(hop.p99Ms)}${hop.queueDelay ? `, queued p50 ${formatDuration(hop.queueDelay.p50Ms)} / p95 ${formatDuration(hop.queueDelay.p95Ms)}` : ''}${hop.retries > 0 ? `, ${formatCount(hop.retries)} retries` : ''}${hop.deadLetters > 0 ? `, ${formatCount(hop.deadLetters)} dead letters` : ''}`
          const queued = (hop.queueDelay?.p95Ms ?? 0) >= QUEUED_MS
          const classes = [
            'map-edge',
            hop.kind === 'message' ? 'map-edge-message' : '',
            hop.errors > 0 ? 'map-edge-error' : queued ? 'map-edge-queued' : '',
          ].join(' ')
          return (
            <SvgLink key={`${hop.kind}-${hop.fromService}-${hop.toService}`} to={hopHref(hop)} label={`${title}: open its details`}>
              <g className={classes}>
                <title>{title}</title>
                <path
                  d={edge.path}
                  strokeWidth={1.2 + 3 * Math.sqrt(hop.count / maxCount)}
                  markerEnd={hop.errors > 0 ? 'url(#arrow-error)' : 'url(#arrow)'}
                />
                <text x={edge.labelX} y={edge.labelY} textAnchor="middle" dominantBaseline="middle" className="map-edge-label">
                  {edge.label}
                </text>
              </g>
            </SvgLink>
          )
        })}
        {layout.nodes.map((node) => {
          const s = node.stats
          const failing = s !== undefined && s.errors > 0
          return (
            <SvgLink key={node.service} to={serviceHref(node.service)}>
              <g className={failing ? 'map-node map-node-error' : 'map-node'} transform={`translate(${node.x} ${node.y})`}>
                <title>{`${node.service}: open in the IT view`}</title>
                <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
                <text x={10} y={19} className="map-node-name">
                  {node.service}
                </text>
                <text x={10} y={37} className="map-node-stats">
                  {node.system || 'unknown system'}
                  {s ? ` · ${formatPerMinute(s.count, minutes)}/min · p95 ${formatDuration(s.p95Ms)}` : ''}
                </text>
                <text x={10} y={53} className={failing ? 'map-node-stats map-node-errors' : 'map-node-stats'}>
                  {s ? (failing ? `${formatRate(s.errors, s.count)} errors (${formatCount(s.errors)})` : 'no errors') : 'no entry spans'}
                </text>
              </g>
            </SvgLink>
          )
        })}
      </svg>
      <figcaption id="estate-map-caption">
        Services by role (channels, orchestration and payment, back office) and the hops between them. Solid: HTTP calls; dashed: messages;
        red: hops with errors. Labels: throughput per minute, p95 latency, error rate. Box figures are of each service’s entry spans.
      </figcaption>
    </figure>
  )
}
