// What a judge says about one metric in one analysis; shared by both judges, the scorer and the report.

/**
 * Kayenta's `direction`: which deviation of the canary from the baseline fails it (`increase`: only High,
 * `decrease`: only Low, `either`: both). Not metrics/direction.ts's Direction, which says which way is better.
 */
export type Deviation = 'increase' | 'decrease' | 'either'

/**
 * Kayenta's labels. `NodataFailMetric` is a metric that must have data and has none (it counts as a
 * failure in its group); `Error` is a metric the judge could not classify. `Inconclusive` is mlci's own: the
 * data cannot decide yet (too few samples for the confidence level, or an interval that straddles the
 * tolerance); it is neither a pass nor a failure, and the analysis decides only if its verdict does not depend
 * on it (canary-analysis.ts).
 */
export type Classification =
  'High' | 'Low' | 'Pass' | 'Inconclusive' | 'Nodata' | 'NodataFailMetric' | 'Error'

export interface EventCounts {
  events: number
  trials: number
}

export interface SampleSummary {
  count: number
  mean: number
  min: number
  max: number
}

export interface MetricClassification {
  name: string
  classification: Classification
  /** True when this metric failing forces the whole analysis to score 0 (for Nodata and Inconclusive: were it to fail). */
  critical: boolean
  reason?: string
  /**
   * The canary−baseline shift interval and its point estimate (mann-whitney), or the interval of the rate ratio
   * canary / baseline (a count metric's two-proportion test).
   */
  interval?: { lower: number; upper: number; estimate: number }
  /** A count metric's summed events and trials per side (the summaries then hold the rate and the trials). */
  counts?: { canary: EventCounts; baseline: EventCounts }
  /** The effect size the gates compared: mean ratio (or CLES), NaN when undefined. */
  effectSize: number
  canary: SampleSummary
  baseline: SampleSummary
}

export function summarize(values: readonly number[]): SampleSummary {
  if (values.length === 0) return { count: 0, mean: NaN, min: NaN, max: NaN }
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (const value of values) {
    sum += value
    if (value < min) min = value
    if (value > max) max = value
  }
  return { count: values.length, mean: sum / values.length, min, max }
}
