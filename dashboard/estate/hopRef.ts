/** A hop as the address names it (`?hop=message|order-management|erp-gateway`): its kind and its two services. */
import type { EstateHop } from '../../core/index.ts'

/** Which hop: its kind and the services at its ends. */
export interface HopRef {
  readonly kind: EstateHop['kind']
  readonly from: string
  readonly to: string
}

/** The hop's name in the address. */
export function hopParam(hop: Pick<EstateHop, 'kind' | 'fromService' | 'toService'>): string {
  return `${hop.kind}|${hop.fromService}|${hop.toService}`
}

/** The hop an address names; undefined for none or a malformed one. */
export function parseHopParam(text: string | undefined): HopRef | undefined {
  const [kind, from, ...to] = (text ?? '').split('|')
  if ((kind !== 'call' && kind !== 'message') || !from || to.length === 0 || to.join('|') === '') return undefined
  return { kind, from, to: to.join('|') }
}

/** Whether a hop is the one referred to. */
export function isHop(hop: EstateHop, ref: HopRef): boolean {
  return hop.kind === ref.kind && hop.fromService === ref.from && hop.toService === ref.to
}
