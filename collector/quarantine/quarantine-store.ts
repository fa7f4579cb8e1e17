/**
 * The quarantine: records storage refused for good, kept in the data directory as JSON lines in
 * numbered files, each append fsync'd before the drain acknowledges the batch it came from, so
 * a refused record is either stored or here, never lost. A replay takes a tenant's entries out,
 * hands them to storage again, and writes back only those still refused; the files are then
 * rewritten without the rest. What it holds is summarised in memory for the rejections list.
 */
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { serialQueue } from '../../core/index.ts'
import { syncDirectory } from '../spool/segment-files.ts'
import type { QuarantineEntry } from './quarantine-entry.ts'
import { QuarantineSummary } from './quarantine-summary.ts'

/** A file is closed and a new one started past this size. */
const FILE_BYTES = 64 * 1024 * 1024
const FILE = /^(\d{12})\.jsonl$/

/** What a replay did: how many entries it handed to storage, how many stored, how many are left. */
export interface ReplayOutcome {
  /** Entries handed to storage again. */
  readonly replayed: number
  /** Of those, stored now. */
  readonly stored: number
  /** Of those, refused again and kept, with the new reason. */
  readonly stillQuarantined: number
}

/** Stores replayed entries; answers the ones storage refused again, with their new reason. */
export type ReplayStorage = (entries: readonly QuarantineEntry[]) => Promise<readonly QuarantineEntry[]>

/** What the quarantine holds and lets be done with it. */
export interface QuarantineStore {
  /** Makes entries durable; resolves once they are fsync'd. Throws when over the size cap or the disk refuses. */
  add(entries: readonly QuarantineEntry[]): Promise<void>
  /** Entries held, by tenant and reason, and a tenant's newest ones. */
  readonly summary: QuarantineSummary
  /** Replays a tenant's entries through `storage`, keeping those refused again. One replay at a time. */
  replay(tenant: string, storage: ReplayStorage): Promise<ReplayOutcome>
  /** Bytes of quarantine files on disk. */
  bytes(): number
  close(): Promise<void>
}

/** Opens the quarantine in `dir`, reading what earlier runs left. */
export async function openQuarantine(dir: string, maxBytes: number): Promise<QuarantineStore> {
  await mkdir(dir, { recursive: true })
  const summary = new QuarantineSummary()
  const files = await listFiles(dir)
  let diskBytes = 0
  for (const file of files) diskBytes += await readEntries(path.join(dir, file), (entry) => summary.add(entry))
  let seq = files.length > 0 ? Number(FILE.exec(files.at(-1)!)![1]) + 1 : 1
  let current: { handle: FileHandle; name: string; size: number } | undefined
  let replaying: Promise<ReplayOutcome> | undefined
  /** File work one piece at a time: appends and a replay's rewrite never interleave. */
  const serially = serialQueue()

  const rotate = async (): Promise<void> => {
    await current?.handle.close()
    current = undefined
  }

  const append = async (entries: readonly QuarantineEntry[]): Promise<void> => {
    const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('')
    const bytes = Buffer.byteLength(text)
    if (diskBytes + bytes > maxBytes)
      throw new Error(`the quarantine is full (${diskBytes} bytes of ${maxBytes}); replay or remove it to go on`)
    if (!current || current.size > FILE_BYTES) {
      await rotate()
      const name = `${String(seq++).padStart(12, '0')}.jsonl`
      current = { handle: await open(path.join(dir, name), 'a'), name, size: 0 }
      await syncDirectory(dir)
    }
    await current.handle.write(text)
    await current.handle.datasync()
    current.size += bytes
    diskBytes += bytes
    for (const entry of entries) summary.add(entry)
  }

  const replayTenant = async (tenant: string, storage: ReplayStorage): Promise<ReplayOutcome> => {
    // New appends go to a fresh file while the older ones are replayed and rewritten.
    const taken = await serially(async () => {
      await rotate()
      const closed = await listFiles(dir)
      const entries = new Map<string, QuarantineEntry>()
      for (const file of closed)
        await readEntries(path.join(dir, file), (entry) => {
          if (entry.tenant === tenant) entries.set(entry.id, entry)
        })
      return { closed, entries: [...entries.values()] }
    })
    const refusedAgain = taken.entries.length === 0 ? [] : await storage(taken.entries)
    await serially(async () => {
      const kept: QuarantineEntry[] = []
      for (const file of taken.closed)
        await readEntries(path.join(dir, file), (entry) => {
          if (entry.tenant !== tenant) kept.push(entry)
        })
      kept.push(...refusedAgain)
      const rewritten = `${String(seq++).padStart(12, '0')}.jsonl`
      if (kept.length > 0) await writeDurably(path.join(dir, rewritten), kept)
      for (const file of taken.closed) await rm(path.join(dir, file), { force: true })
      await syncDirectory(dir)
      summary.clear()
      diskBytes = 0
      for (const file of await listFiles(dir)) diskBytes += await readEntries(path.join(dir, file), (entry) => summary.add(entry))
    })
    return { replayed: taken.entries.length, stored: taken.entries.length - refusedAgain.length, stillQuarantined: refusedAgain.length }
  }

  return {
    add: (entries) => (entries.length === 0 ? Promise.resolve() : serially(() => append(entries))),
    summary,
    replay(tenant, storage) {
      if (replaying) return Promise.reject(new Error('a replay of the quarantine is already running'))
      replaying = replayTenant(tenant, storage).finally(() => {
        replaying = undefined
      })
      return replaying
    },
    bytes: () => diskBytes,
    close: () => serially(rotate),
  }
}

async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => FILE.test(name)).sort()
}

/** Reads a file's entries, skipping a line a crash left half-written; answers the file's size. */
async function readEntries(file: string, each: (entry: QuarantineEntry) => void): Promise<number> {
  let bytes = 0
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
  for await (const line of lines) {
    bytes += Buffer.byteLength(line) + 1
    if (line === '') continue
    try {
      const entry = JSON.parse(line) as QuarantineEntry
      if (typeof entry.id === 'string' && typeof entry.tenant === 'string') each(entry)
    } catch {
      // A torn last line: the append it belonged to was never acknowledged, so its batch is still in the spool.
    }
  }
  return bytes
}

async function writeDurably(file: string, entries: readonly QuarantineEntry[]): Promise<void> {
  const handle = await open(file, 'wx')
  try {
    await handle.write(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''))
    await handle.datasync()
  } finally {
    await handle.close()
  }
}
