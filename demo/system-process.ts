import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { EstateSystem } from './catalogue.ts'
import type { FromSystem, SystemConfig, ToSystem } from './protocol.ts'
import { SYSTEM_CONFIG_ENV } from './protocol.ts'

const SYSTEM_MAIN = fileURLToPath(new URL('./runtime/system-main.ts', import.meta.url))
// `--import tsx` resolves from the working directory, so children start at the repository root.
const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Lines of a child's output kept to explain a failed start. */
const KEPT_OUTPUT_LINES = 20

/** What the estate hears from one system process. */
export interface SystemHooks {
  message(system: EstateSystem, message: FromSystem): void
  output(system: EstateSystem, stream: 'stdout' | 'stderr', line: string): void
  exited(system: EstateSystem, code: number | null, signal: NodeJS.Signals | null, expected: boolean): void
}

/** One running system of the estate, seen from the parent. */
export interface SystemProcess {
  readonly system: EstateSystem
  readonly pid: number
  readonly url: string
  /** Sends a message if the process still listens; false if it has gone. */
  send(message: ToSystem): boolean
  /** Asks the system to flush its spans and exit; kills it if it has not within the timeout. */
  stop(timeoutMs: number): Promise<void>
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
}

/** Starts one system process and resolves once its HTTP server listens. */
export function spawnSystem(config: SystemConfig, hooks: SystemHooks, startTimeoutMs: number): Promise<SystemProcess> {
  const { system } = config
  // A small young generation: seven mostly idle processes need little, and it saves ~30 MB each.
  const child = spawn(process.execPath, ['--max-semi-space-size=1', '--import', 'tsx', SYSTEM_MAIN], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, [SYSTEM_CONFIG_ENV]: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  const recentOutput: string[] = []
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream]
    if (source === null) continue
    createInterface({ input: source }).on('line', (line) => {
      recentOutput.push(line)
      if (recentOutput.length > KEPT_OUTPUT_LINES) recentOutput.shift()
      hooks.output(system, stream, line)
    })
  }
  let stopping = false
  const exited = exitOf(child)

  const stop = async (timeoutMs: number): Promise<void> => {
    stopping = true
    if (child.exitCode !== null || child.signalCode !== null) return
    if (child.connected) child.send({ kind: 'stop' } satisfies ToSystem)
    else child.kill('SIGTERM')
    // The system flushes its spans before exiting; one that hangs is killed, not waited for.
    const straggler = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    await exited
    clearTimeout(straggler)
  }

  return new Promise((resolve, reject) => {
    const failStart = (problem: string): void => {
      clearTimeout(startTimer)
      child.kill('SIGKILL')
      const output = recentOutput.length > 0 ? `\n${recentOutput.join('\n')}` : ''
      reject(new Error(`demo system ${system} did not start: ${problem}${output}`))
    }
    const startTimer = setTimeout(() => failStart(`no ready message within ${startTimeoutMs} ms`), startTimeoutMs)
    let ready = false
    // Kept for the process's life: an IPC send to a dying child also ends up here.
    child.on('error', (error) => {
      if (!ready) failStart(error.message)
      else hooks.message(system, { kind: 'problem', message: error.message })
    })
    child.on('exit', (code, signal) => {
      if (!ready) failStart(`exited with ${signal ?? code}`)
      else hooks.exited(system, code, signal, stopping)
    })
    child.on('message', (raw) => {
      const message = raw as FromSystem
      if (!ready && message.kind === 'ready') {
        ready = true
        clearTimeout(startTimer)
        resolve({
          system,
          pid: child.pid ?? -1,
          url: message.url,
          send: (next) => child.connected && child.send(next),
          stop,
        })
        return
      }
      hooks.message(system, message)
    })
  })
}
