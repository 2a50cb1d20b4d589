import { spawn } from 'node:child_process'
import { setTimeout as delay } from 'node:timers/promises'
import { PortInUseError } from './free-port.js'

export interface ServerProcessOptions {
  /** Used in error messages, e.g. `docker-registry`. */
  name: string
  command: string
  args: readonly string[]
  cwd: string
  env?: NodeJS.ProcessEnv
  /** Polled until it answers 2xx. */
  readyUrl: string
  readyHeaders?: Record<string, string>
  readyTimeoutMs?: number
  /** How long stop() waits after SIGTERM before sending SIGKILL. */
  stopGraceMs?: number
}

export interface ServerProcess {
  readonly pid: number
  /** The last 64 KiB of stdout and stderr, interleaved. */
  log(): string
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>
}

const LOG_LIMIT = 64 * 1024
const POLL_MS = 20

/**
 * Spawns a server and resolves once `readyUrl` answers, or rejects with the server's log. Always spawned
 * asynchronously: other suites run in-process fake servers that a blocked event loop would starve.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const { name, readyTimeoutMs = 15_000, stopGraceMs = 5_000 } = options
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-LOG_LIMIT))
  child.stdout.on('data', append)
  child.stderr.on('data', append)

  let exitStatus: string | undefined
  const exited = new Promise<void>(resolve => {
    // 'close' rather than 'exit': it waits for stdio to drain, so the log holds the server's last words.
    child.once('close', (code, signal) => {
      exitStatus = signal ? `killed by ${signal}` : `exit code ${code}`
      resolve()
    })
    // Only a failed spawn (ENOENT, EACCES) counts as an exit; a failed kill() of a live process does not.
    child.on('error', error => {
      if (child.pid !== undefined) return
      exitStatus = `could not start: ${error.message}`
      resolve()
    })
  })

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      if (exitStatus !== undefined) return
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs)
      await exited
      clearTimeout(killer)
    })())
  const commandLine = [options.command, ...options.args].join(' ')
  const server: ServerProcess = { pid: child.pid ?? -1, log: () => output, stop }

  const deadline = Date.now() + readyTimeoutMs
  for (;;) {
    if (exitStatus !== undefined) {
      const message = `${name} stopped (${exitStatus}) before ${options.readyUrl} answered.\n$ ${commandLine}\n${output}`
      throw /address already in use/i.test(output) ? new PortInUseError(message) : new Error(message)
    }
    if (await answersOk(options.readyUrl, options.readyHeaders)) return server
    if (Date.now() > deadline) {
      await stop()
      throw new Error(
        `${name} was not ready at ${options.readyUrl} after ${readyTimeoutMs} ms.\n$ ${commandLine}\n${output}`
      )
    }
    await Promise.race([delay(POLL_MS), exited])
  }
}

async function answersOk(url: string, headers?: Record<string, string>): Promise<boolean> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) })
    await response.arrayBuffer()
    return response.ok
  } catch {
    return false
  }
}
