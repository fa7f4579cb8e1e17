/**
 * The estate map's geometry, laid out the same way every time: services in three columns by the
 * role of their system (where orders come in, where they are orchestrated and paid, the back
 * office), and each hop a curve from one box to the other. Hops between the same two services
 * bend apart so none hides another.
 */
import type { EstateHop, EstateService } from '../../core/index.ts'

/** Which column a system sits in; unknown systems go in the middle. */
const SYSTEM_COLUMNS: Readonly<Record<string, number>> = {
  ecommerce: 0,
  pos: 0,
  merchandising: 1,
  oms: 1,
  payment: 1,
  wms: 2,
  erp: 2,
  tax: 2,
}
const SYSTEM_ORDER = ['ecommerce', 'pos', 'merchandising', 'oms', 'payment', 'wms', 'erp', 'tax']

/** A service box's width, in SVG units. */
export const NODE_WIDTH = 210
/** A service box's height, in SVG units. */
export const NODE_HEIGHT = 62
const ROW_GAP = 92
const PADDING = 24
const BEND = 34

/** A service placed on the map. */
export interface MapNode {
  readonly service: string
  readonly system: string
  readonly stats?: EstateService
  /** The box's top-left corner. */
  readonly x: number
  readonly y: number
}

/** A hop drawn on the map. */
export interface MapEdge {
  readonly hop: EstateHop
  /** The SVG path (a quadratic curve) from the source box's edge to the target box's edge. */
  readonly path: string
  /** The label's text and its centre: on the curve, where it overlaps no box and no other label if it can. */
  readonly label: string
  readonly labelX: number
  readonly labelY: number
}

/** The whole map. */
export interface EstateMapLayout {
  readonly width: number
  readonly height: number
  readonly nodes: readonly MapNode[]
  readonly edges: readonly MapEdge[]
}

function columnOf(system: string): number {
  return SYSTEM_COLUMNS[system] ?? 1
}

function systemRank(system: string): number {
  const i = SYSTEM_ORDER.indexOf(system)
  return i === -1 ? SYSTEM_ORDER.length : i
}

/** Where a line from a box's centre towards (tx, ty) leaves the box. */
export function boxExit(node: MapNode, tx: number, ty: number): { x: number; y: number } {
  const cx = node.x + NODE_WIDTH / 2
  const cy = node.y + NODE_HEIGHT / 2
  const dx = tx - cx
  const dy = ty - cy
  if (dx === 0 && dy === 0) return { x: cx, y: cy }
  const scale = Math.min(dx === 0 ? Infinity : NODE_WIDTH / 2 / Math.abs(dx), dy === 0 ? Infinity : NODE_HEIGHT / 2 / Math.abs(dy))
  return { x: cx + dx * scale, y: cy + dy * scale }
}

const round = (n: number): number => Math.round(n * 10) / 10

interface Point {
  readonly x: number
  readonly y: number
}
interface Curve {
  readonly hop: EstateHop
  readonly start: Point
  readonly control: Point
  readonly end: Point
}
interface Box {
  readonly left: number
  readonly top: number
  readonly right: number
  readonly bottom: number
}

/** Where along a curve a label may sit, best first: the middle, then further out. */
const LABEL_POSITIONS = [0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75]
/** A label's size, estimated from its length (11.5px text with a halo). */
const CHAR_WIDTH = 6.4
const LABEL_HEIGHT = 16

function pointOn(curve: Curve, t: number): Point {
  const a = (1 - t) * (1 - t)
  const b = 2 * (1 - t) * t
  const c = t * t
  return { x: a * curve.start.x + b * curve.control.x + c * curve.end.x, y: a * curve.start.y + b * curve.control.y + c * curve.end.y }
}

function overlap(a: Box, b: Box): number {
  return (
    Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top))
  )
}

/** Labels placed one by one, busiest hop first, each where it covers the least of the boxes and labels placed before it. */
function placeLabels(curves: readonly Curve[], nodes: readonly MapNode[], label: (hop: EstateHop) => string): MapEdge[] {
  const taken: Box[] = nodes.map((n) => ({ left: n.x, top: n.y, right: n.x + NODE_WIDTH, bottom: n.y + NODE_HEIGHT }))
  const placed = new Map<Curve, Point>()
  const busiestFirst = [...curves].sort((a, b) => b.hop.count - a.hop.count)
  for (const curve of busiestFirst) {
    const text = label(curve.hop)
    const halfWidth = (text.length * CHAR_WIDTH) / 2 + 4
    let best: { point: Point; box: Box; cost: number } | undefined
    for (const t of LABEL_POSITIONS) {
      const point = pointOn(curve, t)
      const box = {
        left: point.x - halfWidth,
        top: point.y - LABEL_HEIGHT / 2,
        right: point.x + halfWidth,
        bottom: point.y + LABEL_HEIGHT / 2,
      }
      const cost = taken.reduce((sum, other) => sum + overlap(box, other), 0)
      if (best === undefined || cost < best.cost) best = { point, box, cost }
      if (cost === 0) break
    }
    if (best) {
      taken.push(best.box)
      placed.set(curve, best.point)
    }
  }
  return curves.map((curve) => {
    const { start, control, end } = curve
    const at = placed.get(curve) ?? pointOn(curve, 0.5)
    return {
      hop: curve.hop,
      path: `M ${round(start.x)} ${round(start.y)} Q ${round(control.x)} ${round(control.y)} ${round(end.x)} ${round(end.y)}`,
      label: label(curve.hop),
      labelX: round(at.x),
      labelY: round(at.y),
    }
  })
}

/** Lays out the services and hops on a canvas `width` wide. */
export function layoutEstateMap(
  services: readonly EstateService[],
  hops: readonly EstateHop[],
  width: number,
  label: (hop: EstateHop) => string = () => '',
): EstateMapLayout {
  const systems = new Map<string, string>()
  for (const s of services) systems.set(s.service, s.system)
  for (const hop of hops) {
    if (!systems.has(hop.fromService)) systems.set(hop.fromService, hop.fromSystem)
    if (!systems.has(hop.toService)) systems.set(hop.toService, hop.toSystem)
  }
  const stats = new Map(services.map((s) => [s.service, s]))
  const columns: string[][] = [[], [], []]
  for (const [service, system] of systems) columns[columnOf(system)]?.push(service)
  const height = PADDING * 2 + Math.max(1, ...columns.map((c) => c.length)) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP
  const nodes = new Map<string, MapNode>()
  columns.forEach((column, c) => {
    const sorted = [...column].sort((a, b) => systemRank(systems.get(a) ?? '') - systemRank(systems.get(b) ?? '') || a.localeCompare(b))
    const x = PADDING + (c * (width - 2 * PADDING - NODE_WIDTH)) / 2
    // Each column is centred vertically, so a column of two sits between the rows of a column of three.
    const top = (height - (sorted.length * (NODE_HEIGHT + ROW_GAP) - ROW_GAP)) / 2
    sorted.forEach((service, row) => {
      const system = systems.get(service) ?? ''
      const s = stats.get(service)
      nodes.set(service, { service, system, ...(s ? { stats: s } : {}), x: round(x), y: round(top + row * (NODE_HEIGHT + ROW_GAP)) })
    })
  })

  // Hops between the same two services, in either direction, fan out around the straight line.
  const pairs = new Map<string, EstateHop[]>()
  for (const hop of hops) {
    const key = [hop.fromService, hop.toService].sort().join('\u0000')
    pairs.set(key, [...(pairs.get(key) ?? []), hop])
  }
  const curves: Curve[] = []
  for (const group of pairs.values()) {
    const ordered = [...group].sort((a, b) => a.fromService.localeCompare(b.fromService) || a.kind.localeCompare(b.kind))
    ordered.forEach((hop, i) => {
      const from = nodes.get(hop.fromService)
      const to = nodes.get(hop.toService)
      if (!from || !to || from === to) return
      const [first, second] = [from, to].sort((a, b) => a.service.localeCompare(b.service)) as [MapNode, MapNode]
      const ax = first.x + NODE_WIDTH / 2
      const ay = first.y + NODE_HEIGHT / 2
      const bx = second.x + NODE_WIDTH / 2
      const by = second.y + NODE_HEIGHT / 2
      const length = Math.hypot(bx - ax, by - ay) || 1
      // The bend is measured on the pair's own axis, so opposite directions do not cancel out. Two
      // services in one column bend towards the next column, clear of the boxes between them.
      const blocked =
        first.x === second.x &&
        [...nodes.values()].some((n) => n.x === first.x && n.y > Math.min(first.y, second.y) && n.y < Math.max(first.y, second.y))
      const outward = blocked ? (by > ay ? -1 : 1) * (BEND * 2.5 + Math.abs(by - ay) / 6) : 0
      const offset = outward + (i - (ordered.length - 1) / 2) * BEND * 2
      const controlX = (ax + bx) / 2 + (-(by - ay) / length) * offset
      const controlY = (ay + by) / 2 + ((bx - ax) / length) * offset
      const start = boxExit(from, controlX, controlY)
      const end = boxExit(to, controlX, controlY)
      curves.push({ hop, start, control: { x: controlX, y: controlY }, end })
    })
  }
  const byName = (a: string, b: string): number => a.localeCompare(b)
  curves.sort(
    (a, b) => byName(a.hop.fromService, b.hop.fromService) || byName(a.hop.toService, b.hop.toService) || byName(a.hop.kind, b.hop.kind),
  )
  const edges = placeLabels(curves, [...nodes.values()], label)
  return { width, height, nodes: [...nodes.values()].sort((a, b) => byName(a.service, b.service)), edges }
}
