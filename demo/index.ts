/**
 * The demo estate: a simulated retail estate whose systems trace with Throughline's SDK, so the
 * platform has live order, sale, return, settlement and promotion journeys to show.
 */

/** Starts the estate's seven system processes and their traffic; resolves once all listen. */
export { startDemoEstate } from './estate.ts'
/** A running estate: its systems' URLs and pids, its bounded run, burst() and stop(). */
export type { DemoEstate } from './estate.ts'
/** What startDemoEstate takes: demo options, the receiver endpoint, the ingest key, a listener. */
export type { DemoEstateOptions } from './estate.ts'
/** Something that happened in the estate (a system ready or gone, a journey ended, output). */
export type { DemoEvent } from './estate.ts'
/** Reads the `--demo-*` flags into demo options; a bad flag throws a DemoFlagError naming it. */
export { DEMO_FLAG_OPTIONS, demoOptionsOf, parseDemoFlags } from './flags.ts'

/** The error for an unusable demo flag; `flag` names it. */
export { DemoFlagError } from './flags.ts'
/** The demo flags and what they take, for a `--help` text. */
export { DEMO_FLAG_HELP } from './flags.ts'

/** The journey types the estate produces. */
export { JOURNEY_TYPES } from './options.ts'
/** How the estate runs: rate, seed, stores, faults, and an optional bounded run. */
export type { DemoOptions } from './options.ts'
/** How many journeys of each kind a bounded run sends. */
export type { JourneyCounts } from './options.ts'
/** One journey type: order, sale, return, promotion or settlement. */
export type { JourneyType } from './options.ts'
/** What a bounded run sent and how its journeys ended. */
export type { DemoRunSummary } from './journey-ledger.ts'

/** The light fault mix of a live demo: a few slow ERP postings and one drifting store. */
export { DEFAULT_FAULTS } from './faults.ts'
/** Every fault off. */
export { NO_FAULTS } from './faults.ts'
/** The active faults of a mix as `name:intensity` text. */
export { describeFaults } from './faults.ts'
/** One kind of fault. */
export type { FaultName } from './faults.ts'
/** How strongly each fault acts, 0 (off) to 1. */
export type { FaultMix } from './faults.ts'
/** The estate's systems, in start order. */
export { ESTATE_SYSTEMS } from './catalogue.ts'
/** The service name each system's spans carry (the ERP's is `erp-gateway`). */
export { SERVICE_NAMES } from './catalogue.ts'
/** One system of the estate, as `retail.system` names it. */
export type { EstateSystem } from './catalogue.ts'
/** How a journey ended: complete, stalled or failed. */
export type { JourneyOutcome } from './protocol.ts'
/** A journey's type and root business key. */
export type { JourneyRef } from './protocol.ts'
