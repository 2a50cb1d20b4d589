import { parseConfigFile, type ConfigValue } from '../config/config-file.js'
import { suggestNearest } from '../config/suggest.js'
import { UserError } from '../errors/user-error.js'
import type { Direction } from '../metrics/direction.js'
import type { SignificanceMethod } from '../metrics/results.js'

type Outcome = 'pass' | 'warn' | 'fail'

/** A threshold and the policy line it was written on, where a failed rule's annotation points. */
export interface Threshold {
  value: number
  line: number
}

export type ChangeRuleName =
  | 'max_drop'
  | 'warn_drop'
  | 'max_drop_pct'
  | 'warn_drop_pct'
  | 'max_increase'
  | 'warn_increase'
  | 'max_increase_pct'
  | 'warn_increase_pct'

export interface MetricPolicy {
  metric: string
  line: number
  direction?: Exclude<Direction, 'none'>
  min?: Threshold
  max?: Threshold
  change: Partial<Record<ChangeRuleName, Threshold>>
  informational: boolean
}

interface SlicePolicy {
  column: string
  line: number
  metrics: { metric: string; line: number; min?: Threshold; max?: Threshold; maxGap?: Threshold }[]
}

/**
 * The gating policy (TFMA's value and change thresholds, codecov's informational flag):
 *
 *   metrics:
 *     accuracy: { direction: higher, min: 0.90, max_drop: 0.01, warn_drop: 0.005 }
 *     rmse:     { direction: lower, max: 3.2, max_increase_pct: 5 }
 *   significance: { level: 0.05, method: paired-bootstrap }
 *   slices: { column: region, metrics: { accuracy: { min: 0.85, max_gap: 0.05 } } }
 *   missing: fail
 *   first_run: pass
 */
export interface Policy {
  file: string
  metrics: MetricPolicy[]
  significance?: { level: number; method: SignificanceMethod; line: number }
  slices?: SlicePolicy
  missing: Outcome
  firstRun: Outcome
  missingLine?: number
}

const DROP_RULES: ChangeRuleName[] = ['max_drop', 'warn_drop', 'max_drop_pct', 'warn_drop_pct']
const INCREASE_RULES: ChangeRuleName[] = [
  'max_increase',
  'warn_increase',
  'max_increase_pct',
  'warn_increase_pct'
]
const METRIC_KEYS = ['direction', 'min', 'max', 'informational', ...DROP_RULES, ...INCREASE_RULES] as const

/** Parses a policy strictly: an unknown key, a wrong type or a rule against the direction is a UserError at its line. */
export function parsePolicy(text: string, file: string): Policy {
  const root = parseConfigFile(text, file).object([
    'metrics',
    'significance',
    'slices',
    'missing',
    'first_run'
  ])
  const metrics = root.metrics.entries().map(([metric, value]) => parseMetricPolicy(metric, value))
  const outcomes = ['pass', 'warn', 'fail'] as const
  const policy: Policy = {
    file,
    metrics,
    missing: root.missing.optional(v => v.choice(outcomes)) ?? 'fail',
    firstRun: root.first_run.optional(v => v.choice(outcomes)) ?? 'pass',
    missingLine: root.missing.present ? root.missing.line : undefined
  }
  if (root.significance.present) {
    const significance = root.significance.object(['level', 'method'])
    policy.significance = {
      level: significance.level.optional(v => v.number({ min: 1e-9, max: 0.5 })) ?? 0.05,
      method:
        significance.method.optional(v => v.choice(['paired-bootstrap', 'mcnemar', 'bootstrap'] as const)) ??
        'paired-bootstrap',
      line: root.significance.line
    }
  }
  if (root.slices.present) {
    const slices = root.slices.object(['column', 'metrics'])
    policy.slices = {
      column: slices.column.string(),
      line: slices.column.line,
      metrics: slices.metrics.entries().map(([metric, value]) => {
        const rules = value.object(['min', 'max', 'max_gap'])
        return {
          metric,
          line: value.line,
          min: threshold(rules.min),
          max: threshold(rules.max),
          maxGap: threshold(rules.max_gap, { min: 0 })
        }
      })
    }
  }
  return policy
}

function parseMetricPolicy(metric: string, value: ConfigValue): MetricPolicy {
  const rules = value.object(METRIC_KEYS)
  const direction = rules.direction.optional(v => v.choice(['higher', 'lower'] as const))
  const change: MetricPolicy['change'] = {}
  for (const name of [...DROP_RULES, ...INCREASE_RULES]) {
    const parsed = threshold(rules[name], { min: 0 })
    if (parsed === undefined) continue
    const wanted: Exclude<Direction, 'none'> = DROP_RULES.includes(name) ? 'higher' : 'lower'
    if (direction === undefined) {
      throw rules[name].error(
        `a change rule needs the metric's direction: add 'direction: ${wanted}' to ${metric}.`
      )
    }
    if (direction !== wanted) {
      const mirror = name.replace(
        direction === 'higher' ? 'increase' : 'drop',
        direction === 'higher' ? 'drop' : 'increase'
      )
      throw rules[name].error(
        `${name} applies to metrics where ${wanted} is better, but ${metric} has direction: ${direction}; use ${mirror}.`
      )
    }
    change[name] = parsed
  }
  for (const [warn, fail] of [
    ['warn_drop', 'max_drop'],
    ['warn_drop_pct', 'max_drop_pct'],
    ['warn_increase', 'max_increase'],
    ['warn_increase_pct', 'max_increase_pct']
  ] as const) {
    const warnAt = change[warn]
    const failAt = change[fail]
    if (warnAt && failAt && warnAt.value > failAt.value) {
      throw rules[warn].error(
        `${warn} (${warnAt.value}) must not exceed ${fail} (${failAt.value}): the warning comes first.`
      )
    }
  }
  const min = threshold(rules.min)
  const max = threshold(rules.max)
  if (min && max && min.value > max.value)
    throw rules.min.error(`min (${min.value}) is above max (${max.value}).`)
  return {
    metric,
    line: value.line,
    direction,
    min,
    max,
    change,
    informational: rules.informational.optional(v => v.boolean()) ?? false
  }
}

function threshold(value: ConfigValue, options: { min?: number } = {}): Threshold | undefined {
  return value.optional(v => ({ value: v.number(options), line: v.line }))
}

/**
 * A policy metric the candidate lacks while an ungated metric of nearly the same name is there is a typo: it would
 * leave the real metric ungated (silently, with `missing: skip`). Refused at the policy's line, with the name meant.
 * A metric missing with no near namesake keeps the `missing` policy: the model may really have stopped producing it.
 */
export function checkPolicyMetricNames(policy: Policy, candidate: readonly string[]): void {
  const present = new Set(candidate)
  const gated = [...policy.metrics, ...(policy.slices?.metrics ?? [])]
  const ungated = candidate.filter(name => !gated.some(rules => rules.metric === name))
  for (const rules of gated) {
    if (present.has(rules.metric)) continue
    const meant = suggestNearest(rules.metric, ungated)
    if (meant === undefined) continue
    throw new UserError(
      `${policy.file}:${rules.line}: the policy gates '${rules.metric}', which is not among the candidate's metrics: did you mean '${meant}'?`,
      { file: policy.file, line: rules.line }
    )
  }
}
