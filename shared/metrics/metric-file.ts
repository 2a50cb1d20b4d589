import { UserError } from '../errors/user-error.js'
import { parseConfigFile } from '../config/config-file.js'
import { locateDeepNesting, locateJsonError, MAX_NESTING } from '../data/json-error.js'
import { nameMap } from '../data/name-map.js'
import { defined, type MetricSet } from './metric-estimate.js'

/**
 * Flat metrics: nested keys joined with dots (`eval.accuracy`), as DVC shows them. A value is the number the file
 * wrote, NaN and ±Infinity included (YAML's `.nan`, `.inf`, `-.inf`), or null where the file wrote null (JSON's
 * only way to say "no value": pandas writes NaN so). Made with nameMap: a metric may be called `constructor`.
 */
export type Metrics = Record<string, number | null>

/**
 * Parses one metrics file (JSON, or YAML by extension) and flattens it. Numbers and nulls are kept; booleans and
 * strings are skipped, as DVC's `metrics diff` does for non-numeric values. DVC metric files work as they are,
 * since they are plain nested JSON or YAML.
 */
export function parseMetricFile(text: string, file: string): Metrics {
  const data = /\.ya?ml$/i.test(file) ? parseYaml(text, file) : parseJson(text, file)
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`${file}: a metrics file must hold an object of metric names to numbers.`, {
      file,
      line: 1
    })
  }
  const metrics = nameMap<number | null>()
  // Both readers refuse nesting past MAX_NESTING, so this recursion stays shallow.
  flatten(data as Record<string, unknown>, '', metrics)
  return metrics
}

/** Merges several files' metrics; the same name in two files is ambiguous and refused. */
export function mergeMetrics(files: { file: string; metrics: Metrics }[]): Metrics {
  const merged = nameMap<number | null>()
  const origin = new Map<string, string>()
  for (const { file, metrics } of files) {
    for (const [name, value] of Object.entries(metrics)) {
      const first = origin.get(name)
      if (first !== undefined) {
        throw new UserError(
          `Metric '${name}' is defined in both ${first} and ${file}: rename one, or point the input at one file.`,
          { file }
        )
      }
      origin.set(name, file)
      merged[name] = value
    }
  }
  return merged
}

/** A metrics file's values as estimates: NaN, ±Infinity and null become null with the reason (metric-estimate.ts). */
export function toMetricSet(metrics: Metrics): MetricSet {
  return nameMap(
    Object.entries(metrics).map(([name, value]) => [
      name,
      value === null ? { value: null, reason: 'null: the metrics file gives no value' } : defined(value)
    ])
  )
}

function flatten(value: Record<string, unknown> | unknown[], prefix: string, into: Metrics): void {
  for (const [key, child] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}.${key}`
    if (typeof child === 'number' || child === null) into[name] = child
    else if (typeof child === 'object') flatten(child as Record<string, unknown>, name, into)
  }
}

function parseJson(text: string, file: string): unknown {
  // Before JSON.parse: nothing that recurses over the parsed value may see a document deeper than this.
  const deep = locateDeepNesting(text)
  if (deep) {
    throw new UserError(
      `${file}:${deep.line}:${deep.column}: nested more than ${MAX_NESTING} levels deep; a metrics file holds names and numbers, a few levels deep at most.`,
      { file, line: deep.line, column: deep.column }
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const at = locateJsonError(text)
    const where = at ? `:${at.line}:${at.column}` : ''
    // Python's json.dump writes NaN and Infinity unless allow_nan=False; JSON has neither.
    const hint =
      at && /^-?(NaN|Infinity)/.test(text.slice(at.offset))
        ? ' JSON has no NaN or Infinity (Python writes them unless allow_nan=False): write null, or use a YAML file (.nan, .inf).'
        : ''
    throw new UserError(`${file}${where}: not valid JSON (${(error as Error).message}).${hint}`, {
      file,
      line: at?.line,
      column: at?.column
    })
  }
}

function parseYaml(text: string, file: string): unknown {
  return parseConfigFile(text, file).toJS()
}
