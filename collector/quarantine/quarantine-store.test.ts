import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { QuarantineEntry } from './quarantine-entry.ts'
import { openQuarantine } from './quarantine-store.ts'

const dirs: string[] = []
const newDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tl-q-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const entry = (id: string, tenant: string, at = '2026-12-07T10:00:00.000Z'): QuarantineEntry => ({
  id,
  tenant,
  at,
  reason: 'unparsable',
  message: 'bad',
  requestId: `r-${id}`,
  format: 'JSONCompactEachRow',
  columns: ['TraceId'],
  record: `["${id}"]`,
})

describe('quarantine', () => {
  it('keeps what it was given across a restart, once per id, and ignores a line a crash cut short', async () => {
    const dir = newDir()
    const first = await openQuarantine(dir, 1024 * 1024)
    await first.add([entry('a', 'acme'), entry('b', 'acme', '2026-12-07T11:00:00.000Z'), entry('c', 'globex')])
    await first.add([entry('a', 'acme')])
    await first.close()
    appendFileSync(path.join(dir, readdirSync(dir)[0]!), '{"id":"torn","ten')
    const second = await openQuarantine(dir, 1024 * 1024)
    expect(second.summary.counts('acme')).toEqual({ unparsable: 2 })
    expect(second.summary.recent('acme', 10).map((e) => e.id)).toEqual(['b', 'a'])
    expect(second.summary.recent('acme', 10)[0]).not.toHaveProperty('record')
    await second.close()
  })

  it('refuses to grow past its size, so the drain holds instead of dropping', async () => {
    const quarantine = await openQuarantine(newDir(), 200)
    await quarantine.add([entry('a', 'acme')])
    await expect(quarantine.add([entry('b', 'acme'), entry('c', 'acme')])).rejects.toThrow(/quarantine is full/)
    await quarantine.close()
  })

  it("replays one tenant, keeps what storage refused again and every other tenant's entries, and frees the rest", async () => {
    const dir = newDir()
    const quarantine = await openQuarantine(dir, 1024 * 1024)
    await quarantine.add([entry('a', 'acme'), entry('b', 'acme'), entry('c', 'globex')])
    const handed: string[] = []
    const outcome = await quarantine.replay('acme', (entries) => {
      handed.push(...entries.map((e) => e.id))
      return Promise.resolve(entries.filter((e) => e.id === 'b').map((e) => ({ ...e, reason: 'type_mismatch' })))
    })
    expect(outcome).toEqual({ replayed: 2, stored: 1, stillQuarantined: 1 })
    expect(handed.sort()).toEqual(['a', 'b'])
    expect(quarantine.summary.counts('acme')).toEqual({ type_mismatch: 1 })
    expect(quarantine.summary.counts('globex')).toEqual({ unparsable: 1 })
    await quarantine.close()
    const reopened = await openQuarantine(dir, 1024 * 1024)
    expect(reopened.summary.counts('acme')).toEqual({ type_mismatch: 1 })
    await reopened.close()
  })

  it('takes appends while a replay runs, and keeps them', async () => {
    const quarantine = await openQuarantine(newDir(), 1024 * 1024)
    await quarantine.add([entry('a', 'acme')])
    const outcome = await quarantine.replay('acme', async () => {
      await quarantine.add([entry('late', 'acme')])
      return []
    })
    expect(outcome.stored).toBe(1)
    expect(quarantine.summary.recent('acme', 10).map((e) => e.id)).toEqual(['late'])
    await quarantine.close()
  })
})
