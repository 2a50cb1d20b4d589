import { ownValue } from '../data/name-map.js'
import { pairedBootstrap } from '../metrics/paired-bootstrap.js'
import type { TaskPredictions } from '../metrics/prediction-metrics.js'
import { mcnemarExact } from '../stats/mcnemar.js'
import type { Policy } from './policy.js'
import type { SignificanceTest } from './gate.js'

/**
 * Significance of a regression from per-example predictions of both models on the same examples.
 *
 * paired-bootstrap: H0 is "the regression is within the rule's tolerance". The p-value is the share of paired
 * resamples in which the candidate's regression is at most the threshold: the change rule fails only when
 * the bootstrap distribution of the difference excludes the tolerated drop.
 * mcnemar (accuracy only; other metrics fall back to the paired bootstrap): the exact test on the examples
 * exactly one model gets right, significant when the candidate loses more of them than chance allows.
 */
export function pairedSignificance(
  policy: Policy,
  candidate: TaskPredictions,
  baseline: TaskPredictions,
  options: { resamples: number; seed: number }
): SignificanceTest | undefined {
  const spec = policy.significance
  if (!spec) return undefined
  let bootstrap: ReturnType<typeof pairedBootstrap> | undefined
  return (metric, rule) => {
    if (spec.method === 'mcnemar' && metric === 'accuracy' && candidate.task !== 'regression') {
      const [baselineOnly, candidateOnly] = discordantPairs(candidate, baseline)
      const pValue = mcnemarExact(baselineOnly, candidateOnly)
      return {
        method: 'mcnemar',
        level: spec.level,
        pValue,
        significant: pValue < spec.level && baselineOnly > candidateOnly
      }
    }
    bootstrap ??= pairedBootstrap(candidate, baseline, options)
    const deltas = ownValue(bootstrap.deltas, metric)
    if (deltas === undefined || deltas.length === 0) return undefined
    let tolerated = 0
    for (const delta of deltas) {
      const regression = rule.direction === 'higher' ? -delta : delta
      const amount = rule.relative ? (regression / Math.abs(rule.baseline)) * 100 : regression
      if (amount <= rule.threshold) tolerated++
    }
    // The +1s count the observed data as one of the resamples, so p is never 0 (Davison & Hinkley 1997).
    const pValue = (tolerated + 1) / (deltas.length + 1)
    return { method: 'paired-bootstrap', level: spec.level, pValue, significant: pValue < spec.level }
  }
}

function discordantPairs(candidate: TaskPredictions, baseline: TaskPredictions): [number, number] {
  let baselineOnly = 0
  let candidateOnly = 0
  const labels = candidate.data.labels
  const c = candidate.data.predicted
  const b = baseline.data.predicted
  for (let i = 0; i < labels.length; i++) {
    const candidateRight = c[i] === labels[i]
    const baselineRight = b[i] === labels[i]
    if (baselineRight && !candidateRight) baselineOnly++
    else if (candidateRight && !baselineRight) candidateOnly++
  }
  return [baselineOnly, candidateOnly]
}
