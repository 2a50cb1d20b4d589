import type { MetricClassification } from './metric-classification.js'

/**
 * Kayenta's scoring (WeightedSumScorer + ThresholdScoreClassifier): a failing critical metric scores 0;
 * half or more of the metrics without data scores 0; otherwise each group scores the share of its judged
 * metrics that passed, and the groups are weighted. Inconclusive metrics are left out like Nodata ones. Groups without a configured weight share what the
 * configured weights leave of 100.
 */
export interface ScoredMetric extends MetricClassification {
  groups: readonly string[]
}

interface GroupScore {
  name: string
  /** 0–100, or undefined when no metric in the group was judged (it then counts as 100). */
  score: number | undefined
  weight: number
}

export interface CanaryScore {
  /** 0–100, rounded to two decimals. */
  score: number
  groups: GroupScore[]
  /** Why the score was forced to 0, when it was. */
  reason?: string
}

/** Kayenta's classification of a canary score (ThresholdScoreClassifier). */
export type ScoreClassification = 'Pass' | 'Marginal' | 'Fail'

const NODATA_LIMIT_PERCENT = 50

export function scoreCanary(
  metrics: readonly ScoredMetric[],
  weights: Readonly<Record<string, number>>
): CanaryScore {
  const groupNames = [...new Set(metrics.flatMap(metric => metric.groups))]
  const configured = groupNames.filter(name => name in weights)
  const unweighted = groupNames.filter(name => !(name in weights))
  const leftOver = 100 - configured.reduce((sum, name) => sum + weights[name], 0)
  const weightOf = (name: string) => (name in weights ? weights[name] : leftOver / unweighted.length)

  const groups: GroupScore[] = groupNames.map(name => {
    const members = metrics.filter(metric => metric.groups.includes(name))
    const judged = members.filter(metric =>
      ['Pass', 'High', 'Low', 'NodataFailMetric'].includes(metric.classification)
    )
    const passed = judged.filter(metric => metric.classification === 'Pass').length
    return {
      name,
      score: judged.length === 0 ? undefined : (100 * passed) / judged.length,
      weight: weightOf(name)
    }
  })

  // Inconclusive is not a failure (yet): canary-analysis.ts scores it both ways.
  const criticalFailure = metrics.find(
    metric => metric.critical && metric.classification !== 'Pass' && metric.classification !== 'Inconclusive'
  )
  if (criticalFailure) {
    return {
      score: 0,
      groups,
      reason: `critical metric ${criticalFailure.name} failed: ${criticalFailure.classification}`
    }
  }
  const noData = metrics.filter(metric => metric.classification === 'Nodata').length
  if (metrics.length > 0 && (100 * noData) / metrics.length >= NODATA_LIMIT_PERCENT) {
    return { score: 0, groups, reason: `${noData} of ${metrics.length} metrics had no data` }
  }
  const total = groups.reduce((sum, group) => sum + ((group.score ?? 100) * group.weight) / 100, 0)
  return { score: Math.round(total * 100) / 100, groups }
}

/** Inclusive thresholds, as Kayenta's ThresholdScoreClassifier. */
export function classifyScore(
  score: number,
  thresholds: { pass: number; marginal: number }
): ScoreClassification {
  if (score >= thresholds.pass) return 'Pass'
  if (score >= thresholds.marginal) return 'Marginal'
  return 'Fail'
}
