import { ownValue } from '../data/name-map.js'
import { bootstrapDraws, pairedBootstrap } from '../metrics/paired-bootstrap.js'
import type { TaskPredictions } from '../metrics/prediction-metrics.js'
import type { Significance } from '../metrics/results.js'
import { MIN_EXPECTED_DISCORDANT, pairedDifferenceTest } from '../stats/mcnemar.js'
import { exceeds, fallsBelow } from '../stats/tolerance.js'
import { formatNumber } from '../report/number-format.js'
import type { Policy } from './policy.js'
import type { SignificanceTest } from './gate.js'

/**
 * Significance of a regression from per-example predictions. Every method tests the same hypotheses about the
 * true regression Δ against the rule's tolerance t, with one-sided tests on one statistic: H0 "Δ ≤ t" (`pValue`;
 * rejected: the rule fails) and H0 "Δ ≥ t" (`pWithin`; rejected: it passes).
 *
 * paired-bootstrap (both models' predictions on the same examples): the share of paired resamples whose
 * regression is within t, and the share at or beyond it (each counting the observed data as one more resample,
 * Davison & Hinkley 1997, so p is never 0).
 * mcnemar (accuracy only; other metrics fall back to the paired bootstrap): Tango's score test of the paired
 * accuracy difference against the margin t (McNemar's test when t = 0); see `pairedDifferenceTest`. A relative
 * tolerance becomes the margin t% × the baseline's accuracy. With fewer than MIN_EXPECTED_DISCORDANT discordant
 * examples expected at the margin, the normal approximation decides nothing: the rule is inconclusive.
 * bootstrap (the candidate's predictions alone): as paired-bootstrap, with the candidate's resamples against the
 * baseline's value taken as exact. The baseline's own sampling noise is not counted, so it fails more often than
 * `level` when nothing changed (the A/A rates in the README).
 */
export function significanceTest(
  policy: Policy,
  candidate: TaskPredictions,
  baseline: TaskPredictions | undefined,
  options: { resamples: number; seed: number }
): SignificanceTest | undefined {
  const spec = policy.significance
  if (!spec) return undefined
  if (spec.method !== 'bootstrap' && baseline === undefined) return undefined
  const below = (p: number) => fallsBelow(p, spec.level)
  let deltas: Record<string, Float64Array> | undefined
  return (metric, rule) => {
    if (spec.method === 'mcnemar' && metric === 'accuracy' && candidate.task !== 'regression') {
      const [baselineOnly, candidateOnly] = discordantPairs(candidate, baseline!)
      const n = candidate.data.labels.length
      const margin = rule.relative ? (rule.threshold / 100) * Math.abs(rule.baseline) : rule.threshold
      // A regression of accuracy is a drop (direction higher): the baseline wins the discordant pairs.
      const [worse, better] =
        rule.direction === 'higher' ? [baselineOnly, candidateOnly] : [candidateOnly, baselineOnly]
      const test = pairedDifferenceTest(worse, better, n, margin)
      const tooFew = test.expectedDiscordant < MIN_EXPECTED_DISCORDANT
      return {
        method: 'mcnemar',
        level: spec.level,
        pValue: test.pBeyond,
        pWithin: test.pWithin,
        significant: !tooFew && below(test.pBeyond),
        ...(tooFew
          ? {
              tooFew: `${formatNumber(test.expectedDiscordant, 3)} examples only one model gets right are expected at the tolerance, and the test needs ${MIN_EXPECTED_DISCORDANT}`
            }
          : {})
      }
    }
    if (spec.method === 'bootstrap') {
      deltas ??= bootstrapDraws(candidate, options)
      const draws = ownValue(deltas, metric)
      if (draws === undefined) return undefined
      const shifted = draws.map(value => value - rule.baseline)
      return resampledSignificance('bootstrap', spec.level, shifted, rule, below)
    }
    deltas ??= pairedBootstrap(candidate, baseline!, options).deltas
    const paired = ownValue(deltas, metric)
    if (paired === undefined) return undefined
    return resampledSignificance('paired-bootstrap', spec.level, paired, rule, below)
  }
}

/** p-values from resampled changes (candidate − baseline) of a metric: the shares within and beyond the tolerance. */
function resampledSignificance(
  method: 'paired-bootstrap' | 'bootstrap',
  level: number,
  deltas: Float64Array,
  rule: Parameters<SignificanceTest>[1],
  below: (p: number) => boolean
): Significance | undefined {
  if (deltas.length === 0) return undefined
  let within = 0
  let atOrBeyond = 0
  for (const delta of deltas) {
    const regression = rule.direction === 'higher' ? -delta : delta
    const amount = rule.relative ? (regression / Math.abs(rule.baseline)) * 100 : regression
    // The operands' magnitude, where the rounding of the difference happened (see stats/tolerance.ts).
    const operands = Math.abs(rule.baseline) + Math.abs(regression)
    const scale = rule.relative ? (100 * operands) / Math.abs(rule.baseline) : operands
    if (exceeds(amount, rule.threshold, scale)) atOrBeyond++
    else if (exceeds(rule.threshold, amount, scale)) within++
    else {
      within++
      atOrBeyond++
    }
  }
  const pValue = (within + 1) / (deltas.length + 1)
  const pWithin = (atOrBeyond + 1) / (deltas.length + 1)
  return { method, level, pValue, pWithin, significant: below(pValue) }
}

/**
 * Per example, whether each model is right: the two files are paired by row (checked by id and label name
 * before), and each model's correctness is read against its own class indices, so the candidate may predict a
 * class the baseline never does.
 */
function discordantPairs(candidate: TaskPredictions, baseline: TaskPredictions): [number, number] {
  let baselineOnly = 0
  let candidateOnly = 0
  const c = candidate.data
  const b = baseline.data
  for (let i = 0; i < c.labels.length; i++) {
    const candidateRight = c.predicted[i] === c.labels[i]
    const baselineRight = b.predicted[i] === b.labels[i]
    if (baselineRight && !candidateRight) baselineOnly++
    else if (candidateRight && !baselineRight) candidateOnly++
  }
  return [baselineOnly, candidateOnly]
}
