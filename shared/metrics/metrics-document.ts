import { nameMap } from '../data/name-map.js'
import { numberOf, type MetricSet } from './metric-estimate.js'
import { parseMetricFile, toMetricSet, type Metrics } from './metric-file.js'
import type { Results } from './results.js'

/**
 * A file of metrics as a user may name it wherever mlci takes one (a baseline, publish's `results`): evaluate's
 * results file, or any metrics file (flat or nested JSON/YAML, DVC's included). The one rule that tells them apart:
 * a JSON object with a top-level `schemaVersion` is a results file, and is then held to the results schema — a
 * damaged results file is an error, never read as a metrics file with a few numbers in it.
 */
export type MetricsDocument = { kind: 'results'; results: Results } | { kind: 'metrics'; metrics: Metrics }

export async function parseMetricsDocument(text: string, file: string): Promise<MetricsDocument> {
  if (!/\.ya?ml$/i.test(file) && hasSchemaVersion(text)) {
    // The results schema (ajv and its formats) loads only for a results file: ~10 ms of every start-up otherwise.
    const { parseResultsFile } = await import('./results-file.js')
    return { kind: 'results', results: parseResultsFile(text, file) }
  }
  return { kind: 'metrics', metrics: parseMetricFile(text, file) }
}

/** The candidate metrics of a results file (with their intervals), or a metrics file's numbers. */
export async function metricsOfDocument(text: string, file: string): Promise<MetricSet> {
  const document = await parseMetricsDocument(text, file)
  if (document.kind === 'results') return document.results.candidate.metrics
  return toMetricSet(document.metrics)
}

/**
 * Plain numbers: a metrics file's, or a results file's candidate values (those it could compute, and NaN or
 * ±Infinity where it was given one).
 */
export function metricValues(document: MetricsDocument): Metrics {
  if (document.kind === 'metrics') return document.metrics
  return nameMap(
    Object.entries(document.results.candidate.metrics).flatMap(([name, estimate]) => {
      const value = numberOf(estimate)
      return value === undefined ? [] : [[name, value] as const]
    })
  )
}

function hasSchemaVersion(text: string): boolean {
  try {
    const data = JSON.parse(text) as unknown
    return typeof data === 'object' && data !== null && !Array.isArray(data) && 'schemaVersion' in data
  } catch {
    return false
  }
}
