import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { locateBinary } from './find-binary.js'
import { startOnFreePort } from './free-port.js'
import { renderOpenMetrics, type SeriesSpec } from './open-metrics.js'
import { startServerProcess } from './server-process.js'

export { expandSeries, renderOpenMetrics, type SeriesSpec } from './open-metrics.js'

export interface PrometheusOptions {
  /** OpenMetrics text ending in `# EOF`, or series to render with renderOpenMetrics. */
  openMetrics: string | readonly SeriesSpec[]
  /**
   * promtool's `--max-block-duration`. Its own default writes one block per 2 h and re-reads the whole
   * file for each, so a week at 15 s took 2.8 s; with 744h (rounded down to 486 h blocks) it takes 80 ms.
   * A Go duration: hours, not days.
   */
  maxBlockDuration?: string
  /** Extra server flags, e.g. `--query.lookback-delta=1m`. */
  extraArgs?: readonly string[]
  readyTimeoutMs?: number
}

export interface RunningPrometheus {
  /** `http://127.0.0.1:PORT`; query it at `/api/v1/query` and `/api/v1/query_range`. */
  url: string
  host: string
  dataDir: string
  /** The server's output so far. */
  log(): string
  /** Stops Prometheus, waits for it to exit and deletes its data. */
  stop(): Promise<void>
}

// No scrape targets: the backfilled blocks are the only data, so every query answer is known in advance.
const CONFIG = 'global:\n  scrape_interval: 1h\nscrape_configs: []\n'

/**
 * Backfills the series with promtool, then serves them from a Prometheus on a free loopback port.
 * Queries must use times inside the backfilled range; instant queries see a series for 5 minutes
 * (the lookback delta) after its last sample.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const prometheus = await locateBinary('prometheus', 'prometheus')
  const promtool = await locateBinary('promtool', 'prometheus')
  const root = await mkdtemp(path.join(os.tmpdir(), 'mlci-prometheus-'))
  const dataDir = path.join(root, 'data')
  try {
    const metricsFile = path.join(root, 'metrics.om')
    const text =
      typeof options.openMetrics === 'string' ? options.openMetrics : renderOpenMetrics(options.openMetrics)
    await writeFile(metricsFile, text)
    await backfill(
      promtool,
      ['--max-block-duration', options.maxBlockDuration ?? '744h', metricsFile, dataDir],
      text
    )
    const configFile = path.join(root, 'prometheus.yml')
    await writeFile(configFile, CONFIG)
    const { host, server } = await startOnFreePort(async port => {
      const host = `127.0.0.1:${port}`
      const server = await startServerProcess({
        name: 'prometheus',
        command: prometheus,
        args: [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${dataDir}`,
          `--web.listen-address=${host}`,
          // Retention counts back from the newest block, not from now; 100y keeps any mix of backfilled dates.
          '--storage.tsdb.retention.time=100y',
          '--log.level=warn',
          ...(options.extraArgs ?? [])
        ],
        cwd: root,
        readyUrl: `http://${host}/-/ready`,
        readyTimeoutMs: options.readyTimeoutMs
      })
      return { host, server }
    })
    const stop = async () => {
      await server.stop()
      await rm(root, { recursive: true, force: true })
    }
    return { url: `http://${host}`, host, dataDir, log: server.log, stop }
  } catch (error) {
    await rm(root, { recursive: true, force: true })
    throw error
  }
}

async function backfill(promtool: string, flagsAndPaths: readonly string[], text: string): Promise<void> {
  const args = ['tsdb', 'create-blocks-from', 'openmetrics', ...flagsAndPaths]
  const child = spawn(promtool, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code === 0) return
  // promtool names no line ("data does not end with # EOF" covers several mistakes), so show the file.
  const lines = text.split('\n')
  const excerpt =
    lines.length <= 40
      ? text
      : [...lines.slice(0, 30), `… ${lines.length - 40} lines …`, ...lines.slice(-10)].join('\n')
  throw new Error(
    `promtool ${args.join(' ')} failed (exit code ${code}):\n${output.trim()}\n--- input ---\n${excerpt}`
  )
}
