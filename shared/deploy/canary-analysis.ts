import type { AnalysisConfig, JudgeName } from './analysis-config.js'
import {
  classifyScore,
  scoreCanary,
  type CanaryScore,
  type ScoredMetric,
  type ScoreClassification
} from './canary-score.js'
import { CANARY_OPTIONS, classifyMannWhitney } from './mann-whitney-judge.js'
import type { AnalysisWindow, MetricSamples } from './metrics-provider.js'
import { classifyThreshold } from './threshold-judge.js'
import { classifyTwoProportion } from './two-proportion-judge.js'

/**
 * One analysis: every metric classified by the chosen judge, then scored. When the evidence is missing
 * (the provider did not answer, a critical metric or half the metrics have no data) the analysis is
 * `no-data` rather than a score of 0, so the rollout's `no-data` policy decides, visibly.
 *
 * Three-way: when metrics are Inconclusive (too few samples, an interval straddling the tolerance), the
 * analysis is scored twice, with them passing and with them failing (critical ones critically). When even the
 * worse score passes, or even the better one is at or below marginal (an immediate rollback), the analysis is
 * `judged` with that score; otherwise it is `inconclusive`, with both in `scoreRange`, and the rollout neither
 * promotes nor rolls back on it.
 */
export interface AnalysisOutcome {
  window: AnalysisWindow
  status: 'judged' | 'no-data' | 'inconclusive'
  reason?: string
  metrics: ScoredMetric[]
  score?: CanaryScore
  verdict?: ScoreClassification
  /** Inconclusive: the scores with the inconclusive metrics all passing (high) and all failing (low). */
  scoreRange?: { low: number; high: number }
}

export interface Thresholds {
  pass: number
  marginal: number
}

const NODATA_LIMIT_PERCENT = 50

export function judgeSamples(
  config: AnalysisConfig,
  judge: JudgeName,
  samples: MetricSamples,
  window: AnalysisWindow,
  thresholds: Thresholds
): AnalysisOutcome {
  const metrics: ScoredMetric[] = config.metrics.map(spec => {
    const { canary, baseline, denominator } = samples[spec.name] ?? { canary: [], baseline: [] }
    const classified =
      judge === 'threshold'
        ? classifyThreshold(canary, baseline, { ...spec })
        : spec.counts
          ? classifyTwoProportion(
              { events: canary, trials: denominator?.canary ?? [] },
              { events: baseline, trials: denominator?.baseline ?? [] },
              spec,
              CANARY_OPTIONS.confidenceLevel
            )
          : classifyMannWhitney(canary, baseline, spec)
    return { ...classified, groups: spec.groups }
  })
  const empty = metrics.filter(metric => metric.classification === 'Nodata')
  const criticalEmpty = empty.find(metric => metric.critical)
  if (criticalEmpty || (100 * empty.length) / metrics.length >= NODATA_LIMIT_PERCENT) {
    const reason = criticalEmpty
      ? `critical metric ${criticalEmpty.name} has no data`
      : `${empty.length} of ${metrics.length} metrics have no data`
    return { window, status: 'no-data', reason, metrics }
  }
  const undecided = metrics.filter(metric => metric.classification === 'Inconclusive')
  if (undecided.length === 0)
    return judged(window, metrics, scoreCanary(metrics, config.groupWeights), thresholds)
  const asPassing = metrics.map(metric =>
    metric.classification === 'Inconclusive'
      ? { ...metric, classification: 'Pass' as const, critical: false }
      : metric
  )
  const asFailing = metrics.map(metric =>
    metric.classification === 'Inconclusive' ? { ...metric, classification: 'High' as const } : metric
  )
  const high = scoreCanary(asPassing, config.groupWeights)
  const low = scoreCanary(asFailing, config.groupWeights)
  // Passing either way, or failing either way (at or below marginal rolls back at once): that is the verdict.
  if (classifyScore(low.score, thresholds) === 'Pass') return judged(window, metrics, low, thresholds)
  if (high.score <= thresholds.marginal) return judged(window, metrics, high, thresholds)
  const names = undecided.map(metric => `${metric.name} (${metric.reason ?? 'inconclusive'})`).join('; ')
  return {
    window,
    status: 'inconclusive',
    metrics,
    scoreRange: { low: low.score, high: high.score },
    reason: `${undecided.length} of ${metrics.length} metrics inconclusive: ${names}`
  }
}

function judged(
  window: AnalysisWindow,
  metrics: ScoredMetric[],
  score: CanaryScore,
  thresholds: Thresholds
): AnalysisOutcome {
  return {
    window,
    status: 'judged',
    metrics,
    score,
    verdict: classifyScore(score.score, thresholds),
    reason: score.reason
  }
}

export function noDataOutcome(window: AnalysisWindow, reason: string): AnalysisOutcome {
  return { window, status: 'no-data', reason, metrics: [] }
}
