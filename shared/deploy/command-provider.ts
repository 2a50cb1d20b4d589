import { UserError } from '../errors/user-error.js'
import { findExecutable } from '../io/find-executable.js'
import { describeExit, ProgramNotStarted, runProgram } from '../io/run-program.js'
import { locateJsonError } from '../data/json-error.js'
import type { AnalysisConfig } from './analysis-config.js'
import {
  ProviderUnavailableError,
  type AnalysisWindow,
  type MetricSamples,
  type MetricsProvider
} from './metrics-provider.js'
import type { Stage } from './stages.js'

/**
 * Samples from a program the user ships (no shell): it gets the stage and the window as MLCI_* variables
 * and prints `{"<metric>": {"canary": [numbers], "baseline": [numbers]}}` (for a count metric each side is
 * `{"numerator": [events per step], "denominator": [trials per step]}`). A program that fails or hangs
 * is a provider that did not answer (no data); output that is not that shape is the user's to fix.
 */
const TIMEOUT_MS = 60_000

/** `env` is the program's base environment (runner/environment.ts); the MLCI_* window is added to it. */
export function commandProvider(options: { cwd: string; env: Record<string, string> }): MetricsProvider {
  return {
    async fetch(config: AnalysisConfig, stage: Stage, window: AnalysisWindow): Promise<MetricSamples> {
      if (config.provider.kind !== 'command') throw new Error('commandProvider needs a command provider')
      const [executable, ...args] = config.provider.command
      const stdout = await samplesOutput(executable, args, {
        cwd: options.cwd,
        env: {
          ...options.env,
          MLCI_STAGE: String(stage.index),
          MLCI_TRAFFIC_PERCENT: String(stage.trafficPercent),
          MLCI_ANALYSIS_START: window.start.toISOString(),
          MLCI_ANALYSIS_END: window.end.toISOString()
        }
      })
      return parseSamples(stdout, config)
    }
  }
}

/**
 * Fails at the provider's line, before any traffic moves, when the metrics program cannot be started: otherwise
 * every analysis would find "no data" and the rollout would roll back for a typo. `searchPath` is the PATH the
 * program will run with.
 */
export async function checkMetricsCommand(
  config: AnalysisConfig,
  options: { cwd: string; searchPath: string | undefined }
): Promise<void> {
  if (config.provider.kind !== 'command') return
  const { file, line } = config.provider
  const lookup = await findExecutable(config.provider.command[0], { ...options, cwdName: 'the workspace' })
  if ('problem' in lookup)
    throw new UserError(`${file}:${line}: provider.command: ${lookup.problem}`, { file, line })
}

async function samplesOutput(
  executable: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> }
): Promise<string> {
  let result
  try {
    result = await runProgram(executable, args, { ...options, timeoutMs: TIMEOUT_MS })
  } catch (error) {
    if (error instanceof ProgramNotStarted)
      throw new ProviderUnavailableError(
        error.message,
        `Check that ${executable} is still there and executable.`
      )
    throw error
  }
  if (result.exitCode === 0) return result.stdout
  throw new ProviderUnavailableError(
    `${executable} ${describeExit(result, TIMEOUT_MS)}: ${result.stderr.trim().slice(-500)}`,
    `Check ${executable}: run it with the MLCI_* variables of this stage and read its error output.`
  )
}

export function parseSamples(stdout: string, config: AnalysisConfig): MetricSamples {
  const command = config.provider.kind === 'command' ? config.provider.command[0] : 'the metrics command'
  const fail = (problem: string) =>
    new UserError(
      `${command} (the metrics command of ${config.file}) printed ${problem}. It must print one JSON object: ` +
        `{"<metric name>": {"canary": [numbers], "baseline": [numbers]}}.`,
      { file: config.file, line: config.provider.line }
    )
  let parsed: unknown
  try {
    parsed = JSON.parse(stdout)
  } catch {
    const at = locateJsonError(stdout)
    const where = at ? ` (output line ${at.line}, column ${at.column})` : ''
    throw fail(`no valid JSON${where}: ${describeJson(stdout.trim())}`)
  }
  if (!isObject(parsed)) throw fail(`${describeJson(parsed)} instead of an object`)
  const samples: MetricSamples = {}
  for (const metric of config.metrics) {
    const entry = parsed[metric.name]
    if (entry === undefined) {
      samples[metric.name] = { canary: [], baseline: [] }
      continue
    }
    if (!isObject(entry))
      throw fail(
        `${describeJson(entry)} for '${metric.name}' instead of {"canary": [...], "baseline": [...]}`
      )
    const numbers = (values: unknown, at: string): number[] => {
      if (values === undefined || values === null) return []
      if (!Array.isArray(values))
        throw fail(`${describeJson(values)} for '${at}' instead of a list of numbers`)
      // JSON has no NaN: null stands for a missing measurement.
      return values.map((value, index) => {
        if (value === null) return NaN
        if (typeof value !== 'number')
          throw fail(`${describeJson(value)} at '${at}[${index}]' instead of a number`)
        return value
      })
    }
    if (metric.counts) {
      const side = (name: 'canary' | 'baseline') => {
        const counts = entry[name] ?? {}
        if (!isObject(counts))
          throw fail(
            `${describeJson(counts)} for '${metric.name}.${name}' (a count metric) instead of ` +
              `{"numerator": [events per step], "denominator": [trials per step]}`
          )
        return {
          events: numbers(counts.numerator, `${metric.name}.${name}.numerator`),
          trials: numbers(counts.denominator, `${metric.name}.${name}.denominator`)
        }
      }
      const [canary, baseline] = [side('canary'), side('baseline')]
      samples[metric.name] = {
        canary: canary.events,
        baseline: baseline.events,
        denominator: { canary: canary.trials, baseline: baseline.trials }
      }
      continue
    }
    samples[metric.name] = {
      canary: numbers(entry.canary, `${metric.name}.canary`),
      baseline: numbers(entry.baseline, `${metric.name}.baseline`)
    }
  }
  return samples
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describeJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
