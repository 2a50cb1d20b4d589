/**
 * A column's distribution as drift methods need it: numeric columns as weighted points (exact values while
 * the column has at most 1000 distinct numbers or the sketch still holds its values, else the sketch's
 * buckets), categorical columns as value counts (exact, or hash classes beyond 1000 distinct values). Both
 * come from a profile, so a reference can be a dataset or a profile file and be compared in exactly the same way.
 */
/** Plain arrays, or typed ones for a column of a million kept values (8 bytes a value, no boxing). */
type Points = readonly number[] | Float64Array

export interface NumericDistribution {
  kind: 'numeric'
  /** Sorted ascending, finite, distinct. */
  values: Points
  /** How many times each value occurs; undefined when every value occurs once (a million kept values need no ones). */
  weights: Points | undefined
  /** False when the points are the sketch's bucket representatives (values within 0.5%), not the values. */
  exact: boolean
  /** Finite values (non-finite ones are counted in the profile, never compared). */
  count: number
  min: number
  max: number
  /** Population standard deviation (ddof = 0), exact from the profile's moments. */
  std: number
  /** Exact counts keyed by the number, when the column has at most 1000 distinct values. */
  distinct?: Map<number, number>
}

export type CategoricalDistribution =
  | { kind: 'categorical'; counts: ReadonlyMap<string, number>; classes?: undefined; count: number }
  /** Counts of hash classes of the values (category-classes.ts). */
  | { kind: 'categorical'; classes: Float64Array; counts?: undefined; count: number }

export type Distribution = NumericDistribution | CategoricalDistribution
