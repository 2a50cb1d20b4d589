import { UserError } from '../errors/user-error.js'
import { parseConfigFile } from '../config/config-file.js'
import { locateJsonError } from '../data/json-error.js'

/** Flat metrics: nested keys joined with dots (`eval.accuracy`), as DVC shows them. */
export type Metrics = Record<string, number>

/**
 * Parses one metrics file (JSON, or YAML by extension) and flattens it. Numbers are kept; booleans,
 * strings and nulls are skipped, as DVC's `metrics diff` does for non-numeric values. DVC metric files work
 * as they are, since they are plain nested JSON or YAML.
 */
export function parseMetricFile(text: string, file: string): Metrics {
  const data = /\.ya?ml$/i.test(file) ? parseYaml(text, file) : parseJson(text, file)
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`${file}: a metrics file must hold an object of metric names to numbers.`, {
      file,
      line: 1
    })
  }
  const metrics: Metrics = {}
  flatten(data as Record<string, unknown>, '', metrics)
  return metrics
}

/** Merges several files' metrics; the same name in two files is ambiguous and refused. */
export function mergeMetrics(files: { file: string; metrics: Metrics }[]): Metrics {
  const merged: Metrics = {}
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

function flatten(value: Record<string, unknown> | unknown[], prefix: string, into: Metrics): void {
  for (const [key, child] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}.${key}`
    if (typeof child === 'number') into[name] = child
    else if (child !== null && typeof child === 'object')
      flatten(child as Record<string, unknown>, name, into)
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const at = locateJsonError(text)
    const where = at ? `:${at.line}:${at.column}` : ''
    throw new UserError(`${file}${where}: not valid JSON (${(error as Error).message}).`, {
      file,
      line: at?.line,
      column: at?.column
    })
  }
}

function parseYaml(text: string, file: string): unknown {
  return parseConfigFile(text, file).toJS()
}
