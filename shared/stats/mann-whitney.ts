import { findRootBrent } from './brent-root.js'
import { sortFloat64 } from './float64-sort.js'
import { normalQuantile } from './normal-distribution.js'

/**
 * The Mann-Whitney / Wilcoxon rank-sum confidence interval for a location shift `x − y`, computed as R's
 * `wilcox.test(x, y, conf.int = TRUE, exact = FALSE, correct = TRUE)` and Kayenta's MannWhitney do: the
 * normal approximation of the rank-sum statistic with its tie and continuity corrections, inverted for the
 * shift by Brent's method (absolute tolerance 1e-4). Kayenta keeps the continuity correction for the point
 * estimate too (the root of the statistic at z = 0), and so does this.
 *
 * Inputs must be free of NaN. Sorting both samples once turns each evaluation of the statistic into a
 * linear walk instead of a ranking of the pooled sample; a root takes a dozen or two evaluations.
 */
export interface ShiftInterval {
  lower: number
  upper: number
  /** The shift at which the rank-sum statistic is centred (Hodges-Lehmann-like). */
  estimate: number
}

/** Thrown when the statistic has no spread (every pooled value tied): the interval is undefined. */
export class DegenerateSampleError extends Error {}

const ROOT_TOLERANCE = 1e-4

export function mannWhitneyInterval(
  x: readonly number[],
  y: readonly number[],
  confidenceLevel: number
): ShiftInterval {
  return mannWhitneyIntervalOfSorted(sortSamples(x, y), confidenceLevel)
}

export function mannWhitneyIntervalOfSorted(samples: SortedSamples, confidenceLevel: number): ShiftInterval {
  if (samples.sortedX.length === 0 || samples.sortedY.length === 0) {
    throw new RangeError('mannWhitneyInterval needs two non-empty samples')
  }
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RangeError(`confidence level must be strictly between 0 and 1, got ${confidenceLevel}`)
  }
  const statistic = rankSumStatisticOfSorted(samples)
  const xs = statistic.sortedX
  const ys = statistic.sortedY
  const shiftMin = xs[0] - ys[ys.length - 1]
  const shiftMax = xs[xs.length - 1] - ys[0]
  const z = normalQuantile((1 - confidenceLevel) / 2) // negative

  // The statistic at the ends does not depend on q: evaluated once for the three roots.
  const atMin = statistic.standardized(shiftMin)
  const atMax = statistic.standardized(shiftMax)
  const root = (q: number): number => {
    const f = (shift: number) => statistic.standardized(shift) - q
    const fLower = atMin - q
    const fUpper = atMax - q
    if (fLower <= 0) return shiftMin
    if (fUpper >= 0) return shiftMax
    return findRootBrent(f, shiftMin, shiftMax, fLower, fUpper, { tolerance: ROOT_TOLERANCE })
  }
  const estimateOf = (): number => {
    const f = (shift: number) => statistic.standardized(shift)
    return findRootBrent(f, shiftMin, shiftMax, atMin, atMax, { tolerance: ROOT_TOLERANCE })
  }
  return { lower: root(-z), upper: root(z), estimate: estimateOf() }
}

export interface RankSumStatistic {
  sortedX: Float64Array
  sortedY: Float64Array
  /** Rank sum of `x − shift` in the pooled sample (average ranks for ties) and Σ(t³ − t) over tie groups. */
  rankSum(shift: number): { rankSumX: number; tieSum: number }
  /**
   * (W − E[W] − ½·sign) / σ for x − shift against y, with the tie-corrected σ.
   * Throws DegenerateSampleError when σ is 0.
   */
  standardized(shift: number): number
}

/** Sorted copies of the samples, so a caller that already sorted them (the judge) does not sort twice. */
export interface SortedSamples {
  sortedX: Float64Array
  sortedY: Float64Array
}

export function sortSamples(x: readonly number[], y: readonly number[]): SortedSamples {
  return { sortedX: sortFloat64(x), sortedY: sortFloat64(y) }
}

/**
 * The statistic as a function of the shift. Equal values are grouped once (run-length over the sorted
 * samples); for a shift d, the rank sum of x − d is nx(nx+1)/2 + Σ over x's groups of
 * count · (#y below + ½ #y equal), and the tie term changes only where a group of x − d lands exactly on a
 * group of y. One evaluation is a walk over the distinct values, without building the pooled ranking.
 */
export function rankSumStatistic(x: readonly number[], y: readonly number[]): RankSumStatistic {
  return rankSumStatisticOfSorted(sortSamples(x, y))
}

export function rankSumStatisticOfSorted({ sortedX, sortedY }: SortedSamples): RankSumStatistic {
  const nx = sortedX.length
  const ny = sortedY.length
  const n = nx + ny
  const xs = runLengths(sortedX)
  const ys = runLengths(sortedY)
  const ownTies = xs.tieSum + ys.tieSum
  const xGroups = xs.groups
  const xValues = xs.values
  const xCounts = xs.counts
  // y's arrays end with a +Infinity sentinel, so the walk needs no bounds check: no finite x − d passes it.
  const yValues = ys.values
  const yCounts = ys.counts

  // x's groups are of x; after the shift, floating-point rounding can make neighbouring groups equal
  // (0.0333… − 5 loses digits), and R, SciPy and Kayenta rank the shifted values. So groups whose shifted
  // values coincide are merged as the walk meets them, and the tie term adjusted.
  const rankSumWithTies = (shift: number) => {
    let yGroup = 0
    let yBelow = 0
    let pairs = 0
    let tieChange = 0
    let g = 0
    let value = xGroups > 0 ? xValues[0] - shift : 0
    while (g < xGroups) {
      let a = xCounts[g]
      let next = ++g < xGroups ? xValues[g] - shift : Infinity
      if (next === value) {
        let own = a * a * a - a
        do {
          const c = xCounts[g]
          a += c
          own += c * c * c - c
          next = ++g < xGroups ? xValues[g] - shift : Infinity
        } while (next === value)
        tieChange += a * a * a - a - own
      }
      while (yValues[yGroup] < value) yBelow += yCounts[yGroup++]
      if (yValues[yGroup] === value) {
        const b = yCounts[yGroup]
        const t = a + b
        pairs += a * (yBelow + b / 2)
        tieChange += t * t * t - t - (a * a * a - a) - (b * b * b - b)
      } else {
        pairs += a * yBelow
      }
      value = next
    }
    return { rankSumX: (nx * (nx + 1)) / 2 + pairs, tieSum: ownTies + tieChange }
  }

  // The same walk when no value repeats within either sample (continuous data), where every count is 1.
  const rankSumDistinct = (shift: number) => {
    let j = 0
    let pairs = 0
    let tieChange = 0
    let i = 0
    let value = nx > 0 ? xValues[0] - shift : 0
    while (i < nx) {
      let a = 1
      let next = ++i < nx ? xValues[i] - shift : Infinity
      if (next === value) {
        do {
          a++
          next = ++i < nx ? xValues[i] - shift : Infinity
        } while (next === value)
        tieChange += a * a * a - a
      }
      while (yValues[j] < value) j++
      if (yValues[j] === value) {
        const t = a + 1
        pairs += a * (j + 0.5)
        tieChange += t * t * t - t - (a * a * a - a)
      } else {
        pairs += a * j
      }
      value = next
    }
    return { rankSumX: (nx * (nx + 1)) / 2 + pairs, tieSum: tieChange }
  }
  const rankSum = ownTies === 0 ? rankSumDistinct : rankSumWithTies

  const standardized = (shift: number) => {
    const { rankSumX, tieSum } = rankSum(shift)
    const dz = rankSumX - (nx * (nx + 1)) / 2 - (nx * ny) / 2
    const correction = Math.sign(dz) * 0.5
    const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieSum / (n * (n - 1))))
    if (!(sigma > 0))
      throw new DegenerateSampleError('the rank-sum statistic has no variance: all values tie')
    return (dz - correction) / sigma
  }

  return { sortedX, sortedY, rankSum, standardized }
}

/** Distinct values and their counts, each array followed by a +Infinity sentinel (count 0). */
function runLengths(sorted: Float64Array): {
  values: Float64Array
  counts: Float64Array
  groups: number
  tieSum: number
} {
  const values = new Float64Array(sorted.length + 1)
  const counts = new Float64Array(sorted.length + 1)
  let groups = 0
  let tieSum = 0
  for (let i = 0; i < sorted.length;) {
    let j = i + 1
    while (j < sorted.length && sorted[j] === sorted[i]) j++
    const t = j - i
    values[groups] = sorted[i]
    counts[groups++] = t
    tieSum += t * t * t - t
    i = j
  }
  values[groups] = Infinity
  return { values, counts, groups, tieSum }
}
