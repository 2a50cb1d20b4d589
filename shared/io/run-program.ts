import { spawn } from 'node:child_process'
import {
  killProcessGroup,
  processGroupOf,
  signalProcessGroup,
  stopProcessGroup,
  type ProcessGroup
} from './process-group.js'

export interface ProgramOptions {
  cwd: string
  /**
   * The child's whole environment: nothing is inherited, so a token in the step's environment reaches a user's
   * program only when the caller passes it. `runner/environment.ts` builds the minimal base (PATH, HOME, …).
   */
  env: Record<string, string>
  /** Killed (SIGTERM to its process group, SIGKILL 5 s later) after this long. */
  timeoutMs?: number
  /** Each line the program prints, as it prints it (for progress in the log). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  /** Output kept in the result, per stream; the rest is dropped (the start is kept). */
  maxOutputBytes?: number
}

export interface ProgramResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
}

/** Thrown when the program could not be started at all (not found, not executable). */
export class ProgramNotStarted extends Error {
  constructor(
    readonly executable: string,
    readonly code: string | undefined,
    cause: Error
  ) {
    super(`could not run ${executable}: ${cause.message}`)
    this.name = 'ProgramNotStarted'
  }
}

const KILL_GRACE_MS = 5_000
const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024

/**
 * The process groups of the programs this process started that have not ended yet. A program's own group lets a
 * timeout end it with whatever it started, but it also means the runner's signals to the step never reach it: a
 * cancelled step ends them itself (stopRunningPrograms), and a step that may be killed outright keeps them where
 * its post step can find them (watchRunningPrograms).
 */
const running = new Map<number, ProcessGroup>()
const watchers = new Set<(groups: ProcessGroup[]) => void>()
let stopping = false

/** Calls `watcher` with the running groups now and after every start and end; returns how to stop watching. */
export function watchRunningPrograms(watcher: (groups: ProcessGroup[]) => void): () => void {
  watchers.add(watcher)
  watcher([...running.values()])
  return () => watchers.delete(watcher)
}

function changed(): void {
  const groups = [...running.values()]
  for (const watcher of watchers) watcher(groups)
}

/**
 * The step is ending (cancelled): ends every running program (SIGTERM to its group, SIGKILL after `graceMs`) and
 * resolves with the groups it ended. From then on no program starts and none reports how it ended: a runProgram
 * promise never settles, so nothing acts on an outcome the cancellation caused (a deploy command "failing" because
 * it was stopped must not trigger a rollback, nor the rollout be saved as settled, while the step is going away).
 */
export async function stopRunningPrograms(graceMs = KILL_GRACE_MS): Promise<ProcessGroup[]> {
  stopping = true
  const groups = [...running.values()]
  await Promise.all(groups.map(group => stopProcessGroup(group, graceMs)))
  return groups
}

/** SIGKILL to every running program at once: the runner has lost patience (a second signal). */
export function killRunningPrograms(): void {
  stopping = true
  for (const group of running.values()) killProcessGroup(group)
}

/**
 * The one way mlci runs another program: an argument vector, never a shell, so no input is ever parsed as shell
 * syntax; an explicit environment; its own process group, so a timeout ends the program and whatever it started.
 * Resolves with how it ended (a non-zero exit is the caller's to judge); rejects with ProgramNotStarted only when
 * there was no program to run. Once stopRunningPrograms has been called it starts nothing and never settles.
 */
export function runProgram(
  executable: string,
  args: string[],
  options: ProgramOptions
): Promise<ProgramResult> {
  if (stopping) return new Promise(() => undefined)
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd: options.cwd,
      env: options.env,
      shell: false,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe']
    })
    // Recorded at once, before any await: a step killed a moment later must still know this group.
    const group =
      child.pid !== undefined && process.platform !== 'win32' ? processGroupOf(child.pid) : undefined
    if (group) {
      running.set(group.pid, group)
      changed()
    }
    const ended = () => {
      if (group && running.delete(group.pid)) changed()
    }
    const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT
    const collected = { stdout: '', stderr: '' }
    for (const stream of ['stdout', 'stderr'] as const) {
      let partial = ''
      child[stream].setEncoding('utf8').on('data', (chunk: string) => {
        if (collected[stream].length < limit)
          collected[stream] += chunk.slice(0, limit - collected[stream].length)
        if (!options.onLine) return
        const lines = (partial + chunk).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) options.onLine(line.replace(/\r$/, ''), stream)
      })
      child[stream].on('end', () => {
        if (partial !== '') options.onLine?.(partial, stream)
      })
    }
    let timedOut = false
    let killer: NodeJS.Timeout | undefined
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true
            signalGroup(child.pid, 'SIGTERM')
            killer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS)
          }, options.timeoutMs)
    child.once('error', error => {
      clearTimeout(timer)
      clearTimeout(killer)
      ended()
      if (!stopping) reject(new ProgramNotStarted(executable, (error as NodeJS.ErrnoException).code, error))
    })
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer)
      clearTimeout(killer)
      ended()
      if (!stopping)
        resolve({ exitCode, signal, stdout: collected.stdout, stderr: collected.stderr, timedOut })
    })
  })
}

/** How a finished program ended, for a message: "exited with code 2", "was killed by SIGTERM after 60 s". */
export function describeExit(result: ProgramResult, timeoutMs?: number): string {
  if (result.timedOut) {
    const limit =
      timeoutMs === undefined
        ? ''
        : ` within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`
    return `did not finish${limit} and was stopped`
  }
  return result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  if (process.platform !== 'win32') {
    signalProcessGroup(pid, signal)
    return
  }
  try {
    process.kill(pid, signal)
  } catch {
    // Already gone.
  }
}
