import { describe, expect, it } from 'vitest'
import { FairQueue } from './fair-queue.ts'

/** Work that finishes when the test says, after charging `ms` of a fake clock. */
function harness(slots = 1) {
  let now = 0
  const queue = new FairQueue(slots, 10_000, () => now)
  const started: string[] = []
  const finishers = new Map<string, () => void>()
  const submit = (lane: string, name: string, signal?: AbortSignal): Promise<string> =>
    queue.run(
      lane,
      () =>
        new Promise<string>((resolve) => {
          started.push(name)
          finishers.set(name, () => resolve(name))
        }),
      signal,
    )
  const finish = async (name: string, ms: number): Promise<void> => {
    now += ms
    finishers.get(name)!()
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { queue, started, submit, finish }
}

describe('fair queue', () => {
  it('puts a tenant that loads one page ahead of one that has used the engine for seconds', async () => {
    const { started, submit, finish } = harness()
    void submit('acme', 'heavy-1')
    void submit('acme', 'heavy-2')
    void submit('acme', 'heavy-3')
    await finish('heavy-1', 2000)
    // While heavy-2 runs, globex asks for its page's four reads.
    for (const read of ['g1', 'g2', 'g3', 'g4']) void submit('globex', read)
    await finish('heavy-2', 2000)
    for (const read of ['g1', 'g2', 'g3', 'g4']) await finish(read, 50)
    expect(started).toEqual(['heavy-1', 'heavy-2', 'g1', 'g2', 'g3', 'g4', 'heavy-3'])
  })

  it('lets the heavy tenant run as soon as nobody lighter waits, and forgets old charge', async () => {
    const { started, submit, finish } = harness()
    void submit('acme', 'a1')
    await finish('a1', 5000)
    void submit('globex', 'g1')
    await finish('g1', 10)
    void submit('acme', 'a2')
    await finish('a2', 10)
    expect(started).toEqual(['a1', 'g1', 'a2'])
  })

  it('runs as many at once as it has slots', async () => {
    const { started, submit } = harness(2)
    for (const name of ['a', 'b', 'c']) void submit('x', name)
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toEqual(['a', 'b'])
  })

  it('takes a statement whose client went away out of line', async () => {
    const { started, submit, finish } = harness()
    void submit('acme', 'running')
    const gone = new AbortController()
    const abandoned = submit('globex', 'abandoned', gone.signal)
    void submit('globex', 'next')
    gone.abort()
    await expect(abandoned).rejects.toThrow()
    await finish('running', 10)
    expect(started).toEqual(['running', 'next'])
  })
})
