/**
 * One metric's value. `value` is a finite number, or null: when the metric is undefined on this data (a single
 * class, no predicted positives: wherever scikit-learn raises or warns), when a metrics file gives null, or when
 * it gives NaN or ±Infinity (YAML's `.nan`, `.inf`). `reason` then says why in words, so a report never shows a
 * bare NaN, and no comparison can take a NaN for a number: `NaN < 0.9` is false, so a NaN would pass a `min`.
 */
export interface MetricEstimate {
  value: number | null
  reason?: string
  /** What the value was when it was not a finite number: kept so that reports can show NaN or ∞ as such. */
  nonFinite?: NonFinite
  /** Percentile bootstrap interval at the run's confidence level. */
  ci?: { low: number; high: number }
}

type NonFinite = 'NaN' | 'Infinity' | '-Infinity'

/** Metric estimates by metric name; made with nameMap (shared/data/name-map.ts), read with ownValue. */
export type MetricSet = Record<string, MetricEstimate>

const NON_FINITE_REASON: Record<NonFinite, string> = {
  NaN: 'NaN: not a number',
  Infinity: '∞: not a finite number',
  '-Infinity': '−∞: not a finite number'
}

/** A computed or given number: itself when finite, else null with what it was and why it cannot be compared. */
export function defined(value: number): MetricEstimate {
  if (Number.isFinite(value)) return { value }
  const nonFinite = String(value) as NonFinite
  return { value: null, nonFinite, reason: NON_FINITE_REASON[nonFinite] }
}

export const undefinedMetric = (reason: string): MetricEstimate => ({ value: null, reason })

/** The number an estimate stands for, NaN and ±Infinity included; undefined when it has none. */
export function numberOf(estimate: MetricEstimate | undefined): number | undefined {
  if (estimate === undefined) return undefined
  if (estimate.value !== null) return estimate.value
  return estimate.nonFinite === undefined ? undefined : Number(estimate.nonFinite)
}

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
