import { UserError } from '../errors/user-error.js'
import { parseConfigFile, type ConfigValue } from '../config/config-file.js'
import { defaultEffectSize, type EffectSizeGates } from './effect-size-gates.js'
import type { Deviation } from './metric-classification.js'

/**
 * The analysis file: where metrics come from and how each is judged.
 *
 *   provider: { prometheus: { url: http://127.0.0.1:9090, step: 30s } }   # or { command: [./metrics.sh] }
 *   lookback: 10m            # optional: a sliding window; by default it grows from the stage's start
 *   failure_limit: 0         # threshold judge: failed analyses tolerated per stage
 *   metrics:
 *     - name: error_rate
 *       canary: <query>      # Prometheus only
 *       baseline: <query>
 *       direction: increase  # increase | decrease | either (mann-whitney)
 *       critical: true
 *       group: errors
 *       allowed_increase: 1.1
 *       max: 0.01            # threshold judge: the canary mean's range
 *     - name: errors           # a count metric: errors out of requests, judged by a two-proportion test
 *       counts:                # (mann-whitney judge only); with a command provider `counts: true`
 *         numerator: { canary: <events per step>, baseline: <events per step> }
 *         denominator: { canary: <trials per step>, baseline: <trials per step> }
 *       direction: increase
 *       allowed_increase: 1.5  # the rate ratio canary/baseline a significant rise must reach to fail
 *   groups: { weights: { errors: 60, latency: 40 } }
 */
type ProviderConfig =
  | { kind: 'prometheus'; url: string; stepMs: number; file: string; line: number }
  | { kind: 'command'; command: string[]; file: string; line: number }

export interface MetricSpec {
  name: string
  canaryQuery?: string
  baselineQuery?: string
  direction: Deviation
  critical: boolean
  mustHaveData: boolean
  nanStrategy: 'remove' | 'replace'
  effectSize: EffectSizeGates
  /**
   * A count metric (events out of trials), judged by the two-proportion test: with Prometheus the queries of the
   * per-step increases (`numerator` events, `denominator` trials), with a command provider none.
   */
  counts?: { queries?: CountQueries }
  groups: string[]
  min?: number
  max?: number
  line: number
}

interface CountQueries {
  numerator: { canary: string; baseline: string }
  denominator: { canary: string; baseline: string }
}

export interface AnalysisConfig {
  file: string
  provider: ProviderConfig
  lookbackMs?: number
  failureLimit: number
  metrics: MetricSpec[]
  groupWeights: Record<string, number>
}

export type JudgeName = 'mann-whitney' | 'threshold'

const METRIC_KEYS = [
  'name',
  'canary',
  'baseline',
  'direction',
  'critical',
  'must_have_data',
  'nan_strategy',
  'effect_size',
  'allowed_increase',
  'allowed_decrease',
  'critical_increase',
  'critical_decrease',
  'counts',
  'group',
  'groups',
  'min',
  'max'
] as const

export function parseAnalysisConfig(text: string, file: string, judge: JudgeName): AnalysisConfig {
  const root = parseConfigFile(text, file).object([
    'provider',
    'lookback',
    'failure_limit',
    'metrics',
    'groups'
  ])
  const provider = parseProvider(root.provider)
  const lookbackMs = root.lookback.optional(value => duration(value))
  const failureLimit = root.failure_limit.optional(value => value.number({ min: 0, integer: true })) ?? 0
  const metricValues = root.metrics.list()
  if (metricValues.length === 0) throw root.metrics.error('list at least one metric to analyse.')
  const metrics = metricValues.map(value => parseMetric(value, provider.kind, judge))
  const seen = new Set<string>()
  for (const metric of metrics) {
    if (seen.has(metric.name)) {
      throw new UserError(`${file}:${metric.line}: metric '${metric.name}' is listed twice.`, {
        file,
        line: metric.line
      })
    }
    seen.add(metric.name)
  }
  const groups = root.groups.object(['weights'])
  const groupWeights: Record<string, number> = {}
  for (const [name, weight] of groups.weights.entries())
    groupWeights[name] = weight.number({ min: 0, max: 100 })
  const total = Object.values(groupWeights).reduce((sum, weight) => sum + weight, 0)
  if (total > 100) throw groups.weights.error(`the weights add up to ${total}; they must not exceed 100.`)
  const known = new Set(metrics.flatMap(metric => metric.groups))
  for (const [name, weight] of groups.weights.entries()) {
    if (!known.has(name)) throw weight.error(`no metric is in group '${name}' (set 'group: ${name}' on one).`)
  }
  return { file, provider, lookbackMs, failureLimit, metrics, groupWeights }
}

function parseProvider(value: ConfigValue): ProviderConfig {
  const provider = value.object(['prometheus', 'command'])
  if (provider.prometheus.present === provider.command.present) {
    throw value.error(
      'give exactly one provider: prometheus: { url: ... } or command: [executable, args...].'
    )
  }
  if (provider.prometheus.present) {
    const prometheus = provider.prometheus.object(['url', 'step'])
    const url = prometheus.url.string()
    if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url))
      throw prometheus.url.error(`must be an http(s) URL, got '${url}'.`)
    const stepMs = prometheus.step.optional(step => duration(step)) ?? 60_000
    return { kind: 'prometheus', url: url.replace(/\/+$/, ''), stepMs, file: value.file, line: value.line }
  }
  const items = provider.command.present && provider.command.toJS()
  const command = typeof items === 'string' ? [items] : provider.command.list().map(item => item.string())
  if (command.length === 0 || command[0] === '') {
    throw provider.command.error(
      'give the executable and its arguments as a list, e.g. [./metrics.sh, --json].'
    )
  }
  return { kind: 'command', command, file: value.file, line: value.line }
}

function parseMetric(value: ConfigValue, provider: ProviderConfig['kind'], judge: JudgeName): MetricSpec {
  const fields = value.object(METRIC_KEYS)
  const name = fields.name.string()
  const query = (field: ConfigValue) => field.optional(v => v.string())
  const canaryQuery = query(fields.canary)
  const baselineQuery = query(fields.baseline)
  const counts = fields.counts.present ? parseCounts(fields, provider, judge) : undefined
  if (provider === 'prometheus' && !counts) {
    if (canaryQuery === undefined) throw fields.canary.error('the Prometheus provider needs a canary query.')
    if (judge === 'mann-whitney' && baselineQuery === undefined) {
      throw fields.baseline.error('the mann-whitney judge compares against a baseline: give its query.')
    }
  }
  const measure = fields.effect_size.optional(v => v.choice(['meanRatio', 'cles'] as const)) ?? 'meanRatio'
  if (counts && measure === 'cles')
    throw fields.effect_size.error('a count metric is gated by its rate ratio: leave effect_size out.')
  const defaults = defaultEffectSize(measure)
  const gate = (field: ConfigValue, fallback: number) => field.optional(v => v.number({ min: 0 })) ?? fallback
  const allowedIncrease = gate(fields.allowed_increase, defaults.allowedIncrease)
  const allowedDecrease = gate(fields.allowed_decrease, defaults.allowedDecrease)
  const groups = fields.groups.present
    ? fields.groups.list().map(group => group.string())
    : [fields.group.optional(v => v.string()) ?? name]
  const min = fields.min.optional(v => v.number())
  const max = fields.max.optional(v => v.number())
  if (judge === 'threshold' && min === undefined && max === undefined) {
    throw value.error(`the threshold judge needs a range for '${name}': give min, max or both.`)
  }
  return {
    name,
    canaryQuery,
    baselineQuery,
    direction:
      fields.direction.optional(v => v.choice(['increase', 'decrease', 'either'] as const)) ?? 'either',
    critical: fields.critical.optional(v => v.boolean()) ?? false,
    mustHaveData: fields.must_have_data.optional(v => v.boolean()) ?? false,
    nanStrategy: fields.nan_strategy.optional(v => v.choice(['remove', 'replace'] as const)) ?? 'remove',
    effectSize: {
      measure,
      allowedIncrease,
      allowedDecrease,
      // Kayenta (NetflixACAJudge.scala): the critical gates default to the measure's neutral effect (1.0 or 0.5),
      // not to allowed_*: a critical metric's High/Low is critical unless critical_* says how far it may go.
      criticalIncrease: gate(fields.critical_increase, defaults.criticalIncrease),
      criticalDecrease: gate(fields.critical_decrease, defaults.criticalDecrease)
    },
    counts,
    groups,
    min,
    max,
    line: value.line
  }
}

function parseCounts(
  fields: Record<(typeof METRIC_KEYS)[number], ConfigValue>,
  provider: ProviderConfig['kind'],
  judge: JudgeName
): { queries?: CountQueries } {
  const value = fields.counts
  if (judge !== 'mann-whitney')
    throw value.error('count metrics are judged by a two-proportion test: use the mann-whitney judge.')
  if (provider === 'command') {
    if (!value.boolean())
      throw value.error("say 'counts: true' for a count metric, or leave it out for a sampled one.")
    return {}
  }
  for (const side of [fields.canary, fields.baseline]) {
    if (side.present)
      throw side.error('a count metric takes its queries under counts: numerator and denominator.')
  }
  const shape = value.object(['numerator', 'denominator'])
  const pair = (field: ConfigValue) => {
    if (!field.present)
      throw value.error(
        'give numerator: { canary: <query>, baseline: <query> } and denominator: { canary: ..., baseline: ... }.'
      )
    const sides = field.object(['canary', 'baseline'])
    return { canary: sides.canary.string(), baseline: sides.baseline.string() }
  }
  return { queries: { numerator: pair(shape.numerator), denominator: pair(shape.denominator) } }
}

function duration(value: ConfigValue): number {
  const ms = value.duration()
  if (ms <= 0) throw value.error(`must be longer than 0, got '${value.toJS()}'.`)
  return ms
}
