import {
  DegenerateSampleError,
  mannWhitneyIntervalOfSorted,
  rankSumStatisticOfSorted,
  sortSamples,
  type SortedSamples
} from '../stats/mann-whitney.js'
import { gaussian, seededRandom, seedOf } from '../stats/seeded-random.js'
import { exceeds } from '../stats/tolerance.js'
import { applyEffectSizeGates, type EffectSizeGates } from './effect-size-gates.js'
import { summarize, type Deviation, type MetricClassification } from './metric-classification.js'

/**
 * Kayenta's NetflixACAJudge metric classifier (MannWhitneyClassifier), for one metric: canary samples
 * against baseline samples. Order of the rules, defaults and gates follow Kayenta
 * (kayenta-judge: MannWhitneyClassifier.scala, EffectSizes.scala); the confidence level (98%) and the
 * tolerance (0.25 × |estimate|) are the values Kayenta hard-codes.
 */
export interface MannWhitneyMetricConfig {
  name: string
  direction: Deviation
  critical: boolean
  /** No data is a failure of the metric rather than an absence of evidence. */
  mustHaveData: boolean
  /** `remove` drops NaN samples; `replace` counts them as 0 (an error counter that never fired). */
  nanStrategy: 'remove' | 'replace'
  effectSize: EffectSizeGates
}

export interface MannWhitneyOptions {
  confidenceLevel: number
  tolerance: number
  /**
   * mlci's rule, not Kayenta's: fewer samples a side than `minimumSamplesPerSide(confidenceLevel)` are
   * Inconclusive instead of judged (see there).
   */
  requireReachableLevel?: boolean
}

/** Kayenta's classifier exactly (its upstream vectors are checked with these). */
export const KAYENTA_OPTIONS: MannWhitneyOptions = { confidenceLevel: 0.98, tolerance: 0.25 }

/** What deploy judges with: Kayenta's level and tolerance, and no verdict on too few samples. */
export const CANARY_OPTIONS: MannWhitneyOptions = { ...KAYENTA_OPTIONS, requireReachableLevel: true }

/**
 * The smallest number of samples a side at which the rank-sum test can reach `confidenceLevel` at all. Under no
 * change every arrangement of the m + n pooled ranks is equally likely, so the most extreme one (every canary
 * sample above every baseline sample) has probability 1 / C(m+n, m) per tail, and the smallest two-sided p-value
 * of the exact test is 2 / C(m+n, m). With k a side it reaches α = 1 − level once C(2k, k) ≥ 2 / α: at 98%, C(8, 4)
 * = 70 gives 0.029 (unreachable) and C(10, 5) = 252 gives 0.0079, so k = 5 (at 95%, k = 4). Below it Kayenta's
 * normal-approximation interval is the data range itself (its root search stops at min − max), and an
 * unchanged canary alarms far above 2%: 23% of metrics judged either way at 2 a side (bench/aa-canary.mjs).
 */
export function minimumSamplesPerSide(confidenceLevel: number): number {
  const alpha = 1 - confidenceLevel
  let k = 1
  let central = 2 // C(2k, k)
  while (exceeds(2 / central, alpha, alpha)) {
    central = (central * (2 * k + 1) * (2 * k + 2)) / ((k + 1) * (k + 1))
    k++
  }
  return k
}

export function classifyMannWhitney(
  canaryInput: readonly number[],
  baselineInput: readonly number[],
  config: MannWhitneyMetricConfig,
  options: MannWhitneyOptions = CANARY_OPTIONS
): MetricClassification {
  const clean = (values: readonly number[]) => {
    if (!values.some(Number.isNaN)) return values
    return config.nanStrategy === 'replace'
      ? values.map(value => (Number.isNaN(value) ? 0 : value))
      : values.filter(value => !Number.isNaN(value))
  }
  let canary = clean(canaryInput)
  let baseline = clean(baselineInput)
  const base = {
    name: config.name,
    canary: summarize(canary),
    baseline: summarize(baseline),
    effectSize: NaN
  }

  if (canary.length === 0 || baseline.length === 0) {
    if (config.nanStrategy === 'replace') {
      return { ...base, classification: 'Pass', critical: false, reason: 'no samples on one side' }
    }
    if (config.mustHaveData && !config.critical) {
      return { ...base, classification: 'NodataFailMetric', critical: false, reason: 'missing data' }
    }
    return { ...base, classification: 'Nodata', critical: config.critical, reason: 'missing data' }
  }
  const needed = options.requireReachableLevel ? minimumSamplesPerSide(options.confidenceLevel) : 0
  if (canary.length < needed || baseline.length < needed) {
    return {
      ...base,
      classification: 'Inconclusive',
      critical: config.critical,
      reason:
        `too few samples (canary ${canary.length}, baseline ${baseline.length}): ` +
        `the ${100 * options.confidenceLevel}% level needs ${needed} a side`
    }
  }
  let sorted = sortSamples(canary, baseline)
  let noised = false
  if (sameValues(sorted.sortedX, sorted.sortedY)) {
    return { ...base, classification: 'Pass', critical: false, reason: 'the samples are identical' }
  }
  const constant = (values: Float64Array) => values[0] === values[values.length - 1]
  if (constant(sorted.sortedX) && constant(sorted.sortedY)) {
    const c = sorted.sortedX[0]
    const b = sorted.sortedY[0]
    if (c === b)
      return { ...base, classification: 'Pass', critical: false, reason: 'one value on both sides' }
    // Two constants leave the rank statistic without spread: Kayenta adds noise of relative size 1e-5.
    // Seeded by the metric's name so the same samples always give the same verdict.
    const random = seededRandom(seedOf(config.name))
    canary = canary.map(value => value + gaussian(random, Math.abs(value) * 1e-5))
    baseline = baseline.map(value => value + gaussian(random, Math.abs(value) * 1e-5))
    sorted = sortSamples(canary, baseline)
    noised = true
  }

  let interval
  try {
    interval = mannWhitneyIntervalOfSorted(sorted, options.confidenceLevel)
  } catch (error) {
    if (!(error instanceof DegenerateSampleError)) throw error
    return { ...base, classification: 'Error', critical: false, reason: error.message }
  }
  const effectSize =
    config.effectSize.measure === 'meanRatio' && !noised
      ? meanRatio(base.canary.mean, base.baseline.mean)
      : effectSizeOf(canary, baseline, config.effectSize.measure, sorted)
  const bound = options.tolerance * Math.abs(interval.estimate)
  // The shift interval as mean ratios (a location shift Δ moves the mean to mean + Δ), for the tolerance check.
  const baselineMean = base.baseline.mean
  const effectInterval =
    config.effectSize.measure === 'meanRatio' && baselineMean > 0
      ? {
          lower: (baselineMean + interval.lower) / baselineMean,
          upper: (baselineMean + interval.upper) / baselineMean
        }
      : undefined
  const verdict = applyEffectSizeGates({
    name: config.name,
    direction: config.direction,
    critical: config.critical,
    gates: config.effectSize,
    up: interval.lower > bound,
    down: interval.upper < -bound,
    effect: effectSize,
    effectInterval
  })
  return { ...base, interval, effectSize, ...verdict }
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * meanRatio: mean(canary) / mean(baseline), NaN when either mean is 0. CLES (common-language effect
 * size): the probability that a canary sample exceeds a baseline one, from the pooled average ranks.
 */
function effectSizeOf(
  canary: readonly number[],
  baseline: readonly number[],
  measure: 'meanRatio' | 'cles',
  sorted: SortedSamples = sortSamples(canary, baseline)
): number {
  if (measure === 'cles') {
    const m = canary.length
    const n = baseline.length
    const { rankSumX } = rankSumStatisticOfSorted(sorted).rankSum(0)
    return (2 * rankSumX - m * (m + 1)) / (2 * n * m)
  }
  return meanRatio(summarize(canary).mean, summarize(baseline).mean)
}

function meanRatio(canaryMean: number, baselineMean: number): number {
  return canaryMean === 0 || baselineMean === 0 ? NaN : canaryMean / baselineMean
}
