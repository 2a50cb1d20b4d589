import { ownValue } from '../data/name-map.js'
import { numberOf, type MetricEstimate, type MetricSet } from '../metrics/metric-estimate.js'
import type {
  RuleName,
  RuleResult,
  RuleStatus,
  Significance,
  SliceMetrics,
  Verdict
} from '../metrics/results.js'
import { formatNumber } from '../report/number-format.js'
import { exceeds, fallsBelow } from '../stats/tolerance.js'
import type { ChangeRuleName, MetricPolicy, Policy, Threshold } from './policy.js'

/**
 * Tests the candidate's regression on `metric` against the rule's tolerance, both ways (see `Significance`);
 * undefined when there is nothing to test with (no paired predictions).
 */
export type SignificanceTest = (
  metric: string,
  rule: { relative: boolean; threshold: number; direction: 'higher' | 'lower'; baseline: number }
) => Significance | undefined

export interface GateInput {
  policy: Policy
  candidate: MetricSet
  /** null when no baseline was found: change rules follow `first_run`. */
  baseline: MetricSet | null
  slices?: SliceMetrics[]
  significance?: SignificanceTest
}

export interface GateResult {
  verdict: Verdict
  rules: RuleResult[]
}

const fmt = (value: number) => formatNumber(value, 4)

/**
 * Applies every rule of the policy; the verdict is the worst status of the rules that are not informational
 * (fail, then inconclusive, then warn). Every comparison with a threshold goes through stats/tolerance.ts, so a
 * value on the threshold in decimal (0.86 − 0.85 against max_drop 0.01) is on it, whatever the rounding.
 */
export function evaluateGate(input: GateInput): GateResult {
  const rules: RuleResult[] = []
  for (const metricPolicy of input.policy.metrics) rules.push(...metricRules(input, metricPolicy))
  if (input.policy.slices) rules.push(...sliceRules(input))
  return { verdict: verdictOf(rules), rules }
}

function verdictOf(rules: RuleResult[]): Verdict {
  const counted = rules.filter(rule => !rule.informational)
  if (counted.some(rule => rule.status === 'fail')) return 'fail'
  if (counted.some(rule => rule.status === 'inconclusive')) return 'inconclusive'
  if (counted.some(rule => rule.status === 'warn')) return 'warn'
  return 'pass'
}

function metricRules(input: GateInput, policy: MetricPolicy): RuleResult[] {
  const { metric } = policy
  const tag = (rule: RuleResult): RuleResult =>
    policy.informational ? { ...rule, informational: true } : rule
  const estimate = ownValue(input.candidate, metric)
  const changeNames = Object.keys(policy.change) as ChangeRuleName[]
  if (estimate?.nonFinite !== undefined) {
    // NaN or ±Infinity is no measurement: every rule on it fails (a warn_ rule warns), value or change, with or
    // without a baseline. It never reaches a comparison, where `NaN < min` would be false and pass.
    const rules: [RuleName, Threshold | undefined][] = [
      ['min', policy.min],
      ['max', policy.max],
      ...changeNames.map(name => [name, policy.change[name]] as [RuleName, Threshold])
    ]
    return rules.flatMap(([rule, threshold]) =>
      threshold ? [tag(nonFiniteRule(metric, rule, threshold, estimate))] : []
    )
  }
  if (estimate === undefined || estimate.value === null) {
    const why =
      estimate === undefined
        ? `${metric} is missing from the candidate's metrics`
        : `${metric} is undefined on the candidate: ${estimate.reason}`
    return [tag(missingRule(input.policy, metric, policy.line, why))]
  }
  const value = estimate.value
  const results: RuleResult[] = []
  if (policy.min) results.push(tag(valueRule(metric, 'min', policy.min, value)))
  if (policy.max) results.push(tag(valueRule(metric, 'max', policy.max, value)))
  if (changeNames.length === 0) return results
  const baselineEstimate = ownValue(input.baseline, metric)
  const baselineValue = baselineEstimate?.value
  for (const name of changeNames) {
    const threshold = policy.change[name]!
    const base = { metric, rule: name, threshold: threshold.value, line: threshold.line }
    if (input.baseline === null) {
      const status: RuleStatus = input.policy.firstRun === 'pass' ? 'skipped' : input.policy.firstRun
      results.push(
        tag({
          ...base,
          actual: null,
          status,
          message: `no baseline (first run): first_run is ${input.policy.firstRun}`
        })
      )
      continue
    }
    if (baselineValue === undefined || baselineValue === null) {
      // A NaN baseline is no baseline: nothing to regress from, and nothing to pass against.
      const nonFinite = numberOf(baselineEstimate)
      const message =
        nonFinite === undefined
          ? `the baseline has no value for ${metric}`
          : `the baseline's ${metric} is ${fmt(nonFinite)}, not a finite number: no baseline to compare with`
      results.push(tag({ ...base, actual: null, status: 'skipped', message }))
      continue
    }
    results.push(tag(storable(changeRule(input, policy, name, threshold, value, baselineValue))))
  }
  return results
}

function valueRule(metric: string, rule: 'min' | 'max', threshold: Threshold, value: number): RuleResult {
  const broken = rule === 'min' ? fallsBelow(value, threshold.value) : exceeds(value, threshold.value)
  const relation = rule === 'min' ? (broken ? 'is below' : 'is at least') : broken ? 'is above' : 'is at most'
  return {
    metric,
    rule,
    threshold: threshold.value,
    actual: value,
    status: broken ? 'fail' : 'pass',
    line: threshold.line,
    message: `${metric} ${fmt(value)} ${relation} the ${rule} ${fmt(threshold.value)}`
  }
}

function changeRule(
  input: GateInput,
  policy: MetricPolicy,
  name: ChangeRuleName,
  threshold: Threshold,
  value: number,
  baselineValue: number
): RuleResult {
  const direction = policy.direction!
  const relative = name.endsWith('_pct')
  const warnOnly = name.startsWith('warn_')
  // How much worse the candidate is: positive is a regression in the metric's own direction.
  const regression = direction === 'higher' ? baselineValue - value : value - baselineValue
  // The difference carries the rounding of its operands: their magnitude decides what is "on" the threshold.
  const operands = Math.max(Math.abs(baselineValue), Math.abs(value))
  const word = direction === 'higher' ? 'dropped' : 'increased'
  const base = { metric: policy.metric, rule: name, threshold: threshold.value, line: threshold.line }
  let actual: number
  let magnitude = operands
  if (relative) {
    if (baselineValue === 0) {
      const status: RuleStatus = regression > 0 ? (warnOnly ? 'warn' : 'fail') : 'pass'
      return {
        ...base,
        actual: null,
        status,
        message: `the baseline is 0, so a relative change is undefined; ${policy.metric} ${regression > 0 ? 'got worse' : 'did not get worse'}`
      }
    }
    actual = (regression / Math.abs(baselineValue)) * 100
    magnitude = (operands / Math.abs(baselineValue)) * 100
  } else {
    actual = regression
  }
  const unit = relative ? '%' : ''
  const change = `${policy.metric} ${actual > 0 ? word : direction === 'higher' ? 'rose' : 'fell'} by ${fmt(Math.abs(actual))}${unit} (${fmt(baselineValue)} → ${fmt(value)})`
  const tolerance = `${name} ${fmt(threshold.value)}${unit}`
  const isBeyond = exceeds(actual, threshold.value, magnitude)
  const within = `${change}, within ${tolerance}`
  const beyond = `${change}, beyond ${tolerance}`
  if (warnOnly)
    return { ...base, actual, status: isBeyond ? 'warn' : 'pass', message: isBeyond ? beyond : within }
  const significance = input.policy.significance
    ? input.significance?.(policy.metric, {
        relative,
        threshold: threshold.value,
        direction,
        baseline: baselineValue
      })
    : undefined
  if (significance === undefined) {
    if (!isBeyond) return { ...base, actual, status: 'pass', message: within }
    const untested = input.policy.significance
      ? `; significance not tested: ${input.policy.significance.method === 'bootstrap' ? 'it needs predictions' : 'give predictions and baseline-predictions for a paired test'}`
      : ''
    return { ...base, actual, status: 'fail', message: beyond + untested }
  }
  // Two one-sided tests of the tolerance on one statistic: evidence of a regression beyond it fails, evidence
  // of one within it passes, and neither is inconclusive (the interval straddles the tolerance).
  const { level, method } = significance
  const pBeyond = `p = ${formatNumber(significance.pValue, 3)}`
  const pWithin = `p = ${formatNumber(significance.pWithin ?? 1, 3)}`
  const tested = { ...base, actual, significance }
  if (significance.tooFew !== undefined) {
    return {
      ...tested,
      status: 'inconclusive',
      message: `${change}: inconclusive against ${tolerance}, too few examples for ${method}: ${significance.tooFew}`
    }
  }
  if (significance.significant) {
    return {
      ...tested,
      status: 'fail',
      message: `${change}: significantly beyond ${tolerance} (${pBeyond} < ${level}, ${method})`
    }
  }
  if (significance.pWithin !== undefined && fallsBelow(significance.pWithin, level)) {
    return {
      ...tested,
      status: 'pass',
      message: `${change}: significantly within ${tolerance} (${pWithin} < ${level}, ${method})`
    }
  }
  return {
    ...tested,
    status: 'inconclusive',
    message: `${change}: inconclusive, neither significantly beyond ${tolerance} (${pBeyond}) nor within it (${pWithin}) at level ${level}, ${method}; more examples would decide`
  }
}

/**
 * Two finite values can still differ by more than a double holds (1e308 and −1e308): the status was decided on
 * the infinite difference, the message says it, and the results file gets null, as JSON has no Infinity.
 */
function storable(rule: RuleResult): RuleResult {
  return rule.actual !== null && !Number.isFinite(rule.actual) ? { ...rule, actual: null } : rule
}

/** A rule on a value that is NaN or ±Infinity: it fails, or warns when the rule only warns. */
function nonFiniteRule(
  metric: string,
  rule: RuleName,
  threshold: Threshold,
  estimate: MetricEstimate
): RuleResult {
  const warnOnly = rule.startsWith('warn_')
  return {
    metric,
    rule,
    threshold: threshold.value,
    actual: null,
    status: warnOnly ? 'warn' : 'fail',
    line: threshold.line,
    message: `${metric} is ${fmt(numberOf(estimate)!)}, not a finite number: it cannot meet ${rule} ${fmt(threshold.value)}, so it ${warnOnly ? 'warns' : 'fails'}`
  }
}

/** A metric without a value: `missing` decides, and `missing: pass` skips the metric rather than passing it. */
function missingRule(policy: Policy, metric: string, line: number, why: string): RuleResult {
  return {
    metric,
    rule: 'missing',
    threshold: null,
    actual: null,
    status: policy.missing === 'pass' ? 'skipped' : policy.missing,
    line,
    message: `${why} (missing: ${policy.missing})`
  }
}

function sliceRules(input: GateInput): RuleResult[] {
  const slicePolicy = input.policy.slices!
  const sliced = input.slices?.find(s => s.column === slicePolicy.column)
  if (!sliced) {
    return [
      missingRule(
        input.policy,
        `slices.${slicePolicy.column}`,
        slicePolicy.line,
        `there are no slices by '${slicePolicy.column}': pass it in slice-columns`
      )
    ]
  }
  const results: RuleResult[] = []
  for (const rules of slicePolicy.metrics) {
    const values: [string, number][] = []
    const nonFinite: string[] = []
    for (const [slice, metrics] of Object.entries(sliced.values)) {
      const estimate = ownValue(metrics, rules.metric)
      if (estimate?.nonFinite !== undefined) {
        nonFinite.push(slice)
        for (const [rule, threshold] of [
          ['min', rules.min],
          ['max', rules.max]
        ] as const) {
          if (!threshold) continue
          const result = nonFiniteRule(rules.metric, rule, threshold, estimate)
          results.push({ ...result, slice, message: `${slicePolicy.column}=${slice}: ${result.message}` })
        }
        continue
      }
      if (estimate === undefined || estimate.value === null) {
        const why =
          estimate === undefined
            ? `${rules.metric} is missing for slice ${slicePolicy.column}=${slice}`
            : `${rules.metric} is undefined for slice ${slicePolicy.column}=${slice}: ${estimate.reason}`
        results.push({ ...missingRule(input.policy, rules.metric, rules.line, why), slice })
        continue
      }
      values.push([slice, estimate.value])
      for (const [rule, threshold] of [
        ['min', rules.min],
        ['max', rules.max]
      ] as const) {
        if (!threshold) continue
        const result = valueRule(rules.metric, rule, threshold, estimate.value)
        results.push({ ...result, slice, message: `${slicePolicy.column}=${slice}: ${result.message}` })
      }
    }
    if (rules.maxGap && nonFinite.length > 0) {
      results.push({
        metric: rules.metric,
        rule: 'max_gap',
        threshold: rules.maxGap.value,
        actual: null,
        status: 'fail',
        line: rules.maxGap.line,
        message: `${rules.metric} is not a finite number for ${nonFinite.map(slice => `${slicePolicy.column}=${slice}`).join(', ')}: the gap between slices is unknown, so it cannot meet max_gap ${fmt(rules.maxGap.value)}`
      })
    } else if (rules.maxGap && values.length > 0) {
      const sorted = [...values].sort((a, b) => a[1] - b[1])
      const [worst, best] = [sorted[0], sorted[sorted.length - 1]]
      const gap = best[1] - worst[1]
      const broken = exceeds(gap, rules.maxGap.value, best[1], worst[1])
      results.push(
        storable({
          metric: rules.metric,
          rule: 'max_gap',
          threshold: rules.maxGap.value,
          actual: gap,
          status: broken ? 'fail' : 'pass',
          line: rules.maxGap.line,
          message: `${rules.metric} ranges from ${fmt(worst[1])} (${slicePolicy.column}=${worst[0]}) to ${fmt(best[1])} (${best[0]}): a gap of ${fmt(gap)}, ${broken ? 'above' : 'within'} max_gap ${fmt(rules.maxGap.value)}`
        })
      )
    }
  }
  return results
}
