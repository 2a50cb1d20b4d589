import type { AnalysisConfig, JudgeName } from './analysis-config.js'
import {
  classifyScore,
  scoreCanary,
  type CanaryScore,
  type ScoredMetric,
  type ScoreClassification
} from './canary-score.js'
import { classifyMannWhitney } from './mann-whitney-judge.js'
import type { AnalysisWindow, MetricSamples } from './metrics-provider.js'
import { classifyThreshold } from './threshold-judge.js'

/**
 * One analysis: every metric classified by the chosen judge, then scored. When the evidence is missing
 * (the provider did not answer, a critical metric or half the metrics have no data) the analysis is
 * `no-data` rather than a score of 0, so the rollout's `no-data` policy decides, visibly.
 */
export interface AnalysisOutcome {
  window: AnalysisWindow
  status: 'judged' | 'no-data'
  reason?: string
  metrics: ScoredMetric[]
  score?: CanaryScore
  verdict?: ScoreClassification
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
    const { canary, baseline } = samples[spec.name] ?? { canary: [], baseline: [] }
    const classified =
      judge === 'threshold'
        ? classifyThreshold(canary, baseline, { ...spec })
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
  const score = scoreCanary(metrics, config.groupWeights)
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
