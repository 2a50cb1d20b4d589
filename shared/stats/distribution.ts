/**
 * A column's distribution as drift methods need it: numeric columns as weighted points (exact values
 * until the profile's sketch compacts them), categorical columns as value counts. Both come from a
 * profile, so a reference can be a dataset or a profile file and be compared in exactly the same way.
 */
export interface NumericDistribution {
  kind: 'numeric'
  /** Sorted ascending. */
  values: number[]
  weights: number[]
  count: number
  min: number
  max: number
  /** Population standard deviation (ddof = 0), exact from the profile's moments. */
  std: number
  /** Exact value counts when the column has at most a handful of distinct values (Evidently's ≤ 20). */
  distinct?: Map<number, number>
}

interface CategoricalDistribution {
  kind: 'categorical'
  counts: Map<string, number>
  count: number
}

export type Distribution = NumericDistribution | CategoricalDistribution
