import { rateRatioInterval, rateRatioPValue } from '../stats/rate-ratio.js'
import { exceeds, fallsBelow } from '../stats/tolerance.js'
import { applyEffectSizeGates } from './effect-size-gates.js'
import type { MannWhitneyMetricConfig } from './mann-whitney-judge.js'
import type { EventCounts, MetricClassification, SampleSummary } from './metric-classification.js'

/**
 * The judge of a count metric (errors out of requests): a two-proportion test instead of Mann-Whitney on
 * per-step rates, which are mostly 0 or undefined when errors are sparse (a step with no error is a tie with every
 * other such step, and a step with no request is NaN). The window's counts are summed per side and the rates
 * compared by the exact conditional test for their ratio (stats/rate-ratio.ts) at the judge's confidence level
 * (98%, as Kayenta's Mann-Whitney): a rise is significant when the whole interval of the rate ratio canary /
 * baseline lies above 1. The effect size is that ratio (NaN when either rate is 0, as Kayenta's mean ratio),
 * gated by `allowed_*` and `critical_*` exactly as the mean ratio is, with the interval for the tolerance
 * (effect-size-gates.ts).
 *
 * Too few requests: when even the most extreme outcome (every canary request failing and no baseline one, for
 * `increase`) would not be significant, the test cannot reach its level and the metric is Inconclusive, as
 * Mann-Whitney with too few samples is. No events on either side is a pass: there is nothing to compare.
 */
export interface CountSamples {
  /** Events (errors) per step; NaN for a missing step. */
  events: readonly number[]
  /** Trials (requests) per step; NaN for a missing step. */
  trials: readonly number[]
}

export type TwoProportionMetricConfig = Omit<MannWhitneyMetricConfig, 'nanStrategy'>

export function classifyTwoProportion(
  canarySamples: CountSamples,
  baselineSamples: CountSamples,
  config: TwoProportionMetricConfig,
  confidenceLevel: number
): MetricClassification {
  const canary = total(canarySamples)
  const baseline = total(baselineSamples)
  const base = {
    name: config.name,
    canary: summary(canary),
    baseline: summary(baseline),
    counts: { canary, baseline },
    effectSize: NaN
  }
  if (canary.trials === 0 || baseline.trials === 0) {
    if (config.mustHaveData && !config.critical) {
      return { ...base, classification: 'NodataFailMetric', critical: false, reason: 'no trials' }
    }
    return { ...base, classification: 'Nodata', critical: config.critical, reason: 'no trials' }
  }
  for (const [side, counts] of [
    ['canary', canary],
    ['baseline', baseline]
  ] as const) {
    if (counts.events < 0 || counts.events > counts.trials) {
      return {
        ...base,
        classification: 'Error',
        critical: config.critical,
        reason: `the ${side}'s ${counts.events} events are not a count out of its ${counts.trials} trials`
      }
    }
  }
  if (!canDetect(config.direction, canary.trials, baseline.trials, confidenceLevel)) {
    return {
      ...base,
      classification: 'Inconclusive',
      critical: config.critical,
      reason:
        `too few trials (canary ${canary.trials}, baseline ${baseline.trials}): no outcome could be ` +
        `significant at ${100 * confidenceLevel}%`
    }
  }
  const interval = rateRatioInterval(
    canary.events,
    canary.trials,
    baseline.events,
    baseline.trials,
    confidenceLevel
  )
  const canaryRate = canary.events / canary.trials
  const baselineRate = baseline.events / baseline.trials
  if (canary.events + baseline.events === 0)
    return { ...base, classification: 'Pass', critical: false, reason: 'no events on either side' }
  const effectSize = canaryRate === 0 || baselineRate === 0 ? NaN : canaryRate / baselineRate
  const verdict = applyEffectSizeGates({
    name: config.name,
    direction: config.direction,
    critical: config.critical,
    gates: config.effectSize,
    up: exceeds(interval.lower, 1, 1),
    down: fallsBelow(interval.upper, 1, 1),
    effect: effectSize,
    effectInterval: { lower: interval.lower, upper: interval.upper }
  })
  return { ...base, interval, effectSize, ...verdict }
}

function total(samples: CountSamples): EventCounts {
  const sum = (values: readonly number[]) =>
    values.reduce((acc, value) => (Number.isNaN(value) ? acc : acc + value), 0)
  // A counter that never fired has no series at all: no events, not no data. Prometheus' increase() extrapolates
  // to the edges of its range, so per-step counts arrive as fractions: the window's sums are rounded.
  return { events: Math.round(sum(samples.events)), trials: Math.round(sum(samples.trials)) }
}

function summary(counts: EventCounts): SampleSummary {
  const rate = counts.trials > 0 ? counts.events / counts.trials : NaN
  return { count: counts.trials, mean: rate, min: rate, max: rate }
}

/** Whether the most extreme counts in a failing direction would be significant with these many trials. */
function canDetect(
  direction: MannWhitneyMetricConfig['direction'],
  canaryTrials: number,
  baselineTrials: number,
  level: number
): boolean {
  const tail = (1 - level) / 2
  const reached = (p: number) => !exceeds(p, tail, tail)
  const rise = () => reached(rateRatioPValue(canaryTrials, canaryTrials, 0, baselineTrials, 'greater'))
  const fall = () => reached(rateRatioPValue(0, canaryTrials, baselineTrials, baselineTrials, 'less'))
  if (direction === 'increase') return rise()
  if (direction === 'decrease') return fall()
  return rise() && fall()
}
