/**
 * One metric's value. `value` is null when the metric is undefined on this data (a single class, no
 * predicted positives): wherever scikit-learn raises or warns, `reason` says why in words, so a report never
 * shows a bare NaN.
 */
export interface MetricEstimate {
  value: number | null
  reason?: string
  /** Percentile bootstrap interval at the run's confidence level. */
  ci?: { low: number; high: number }
}

export type MetricSet = Record<string, MetricEstimate>

export const defined = (value: number): MetricEstimate => ({ value })
export const undefinedMetric = (reason: string): MetricEstimate => ({ value: null, reason })

/**
 * The `q` quantile of ascending `sorted`, interpolated linearly between order statistics (NumPy's default,
 * `np.percentile(..., method='linear')`).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty sample')
  const position = (sorted.length - 1) * q
  const below = Math.floor(position)
  const above = Math.min(below + 1, sorted.length - 1)
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below)
}
