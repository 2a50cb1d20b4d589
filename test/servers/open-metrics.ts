/**
 * Deterministic OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`, so tests can backfill
 * series whose every value they know. Pure: the same specs always give the same bytes.
 *
 * What promtool 2.42 does with what it is given (checked by hand, so this module refuses the silent ones):
 * - timestamps are seconds (fractions kept to the millisecond); milliseconds are accepted without a word
 *   as dates in the year 57970, so starts above 1e11 are refused here;
 * - out-of-order and duplicate timestamps within a series are dropped without a word;
 * - a counter family is `# TYPE x counter` with samples `x_total`; a bare `x` sample is stored as a
 *   series named `x`, which `x_total` queries never find;
 * - a missing `# EOF` fails with "data does not end with # EOF", and syntax errors name no line;
 * - the wall clock does not matter: samples from 1970 or 2100 backfill and query alike. Prometheus applies
 *   retention relative to the newest block, not to now, so a fixed start stays queryable forever.
 */
type MetricType = 'gauge' | 'counter'

export interface SeriesSpec {
  /** Family name. For counters the samples are `<name>_total`; a name already ending in `_total` is accepted. */
  name: string
  type: MetricType
  help?: string
  labels?: Readonly<Record<string, string>>
  /** Unix time of the first sample, in seconds. */
  start: number
  /** Seconds between samples (at least 0.001, the TSDB resolution). */
  step: number
  /** The values in order, or how many there are and a function of the index and timestamp (seconds). */
  values: readonly number[] | { count: number; valueAt: (index: number, seconds: number) => number }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const LATEST_PLAUSIBLE_SECONDS = 1e11

/** Renders the specs as one OpenMetrics document; series of the same family are grouped under one TYPE line. */
export function renderOpenMetrics(specs: readonly SeriesSpec[]): string {
  const families = new Map<string, { type: MetricType; help?: string; series: SeriesSpec[] }>()
  for (const spec of specs) {
    const family = familyName(spec)
    const existing = families.get(family)
    if (!existing) {
      families.set(family, { type: spec.type, help: spec.help, series: [spec] })
      continue
    }
    if (existing.type !== spec.type)
      throw new Error(`${family} is both a ${existing.type} and a ${spec.type}`)
    if (spec.help !== undefined && existing.help !== undefined && spec.help !== existing.help) {
      throw new Error(`${family} has two different help texts`)
    }
    existing.help ??= spec.help
    existing.series.push(spec)
  }

  const lines: string[] = []
  for (const [family, { type, help, series }] of families) {
    if (help !== undefined) lines.push(`# HELP ${family} ${escapeHelp(help)}`)
    lines.push(`# TYPE ${family} ${type}`)
    const seen = new Set<string>()
    for (const spec of series) {
      const labels = renderLabels(spec)
      if (seen.has(labels)) throw new Error(`${family}${labels} is specified twice`)
      seen.add(labels)
      const sample = type === 'counter' ? `${family}_total` : family
      for (const [seconds, value] of expandSeries(spec))
        lines.push(`${sample}${labels} ${formatValue(value)} ${seconds}`)
    }
  }
  lines.push('# EOF')
  return `${lines.join('\n')}\n`
}

/** Timestamps (seconds, millisecond precision) and values of one series, in order. */
export function expandSeries(spec: SeriesSpec): Array<[number, number]> {
  if (!Number.isFinite(spec.start) || spec.start < 0 || spec.start > LATEST_PLAUSIBLE_SECONDS) {
    throw new Error(
      `${spec.name}: start ${spec.start} is not a Unix time in seconds (milliseconds by mistake?)`
    )
  }
  if (!(spec.step >= 0.001)) throw new Error(`${spec.name}: step ${spec.step} must be at least 0.001 s`)
  const values = spec.values
  const count = isValueList(values) ? values.length : values.count
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`${spec.name}: count ${count} is not a whole number`)
  const result: Array<[number, number]> = []
  for (let index = 0; index < count; index++) {
    // Rounded to the millisecond so 0.1 s steps do not render as 0.30000000000000004.
    const seconds = Math.round((spec.start + index * spec.step) * 1000) / 1000
    result.push([seconds, isValueList(values) ? values[index] : values.valueAt(index, seconds)])
  }
  return result
}

function isValueList(values: SeriesSpec['values']): values is readonly number[] {
  return Array.isArray(values)
}

function familyName(spec: SeriesSpec): string {
  if (!METRIC_NAME.test(spec.name)) throw new Error(`${JSON.stringify(spec.name)} is not a valid metric name`)
  return spec.type === 'counter' ? spec.name.replace(/_total$/, '') : spec.name
}

function renderLabels(spec: SeriesSpec): string {
  const entries = Object.entries(spec.labels ?? {})
  if (entries.length === 0) return ''
  for (const [name] of entries) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      throw new Error(`${spec.name}: ${JSON.stringify(name)} is not a valid label name`)
    }
  }
  return `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  return String(value)
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}
