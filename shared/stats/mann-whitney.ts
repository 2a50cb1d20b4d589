import { findRootBrent } from './brent-root.js'
import { normalQuantile } from './normal-distribution.js'

/**
 * The Mann-Whitney / Wilcoxon rank-sum confidence interval for a location shift `x − y`, computed as R's
 * `wilcox.test(x, y, conf.int = TRUE, exact = FALSE, correct = TRUE)` and Kayenta's MannWhitney do: the
 * normal approximation of the rank-sum statistic with its tie and continuity corrections, inverted for the
 * shift by Brent's method (absolute tolerance 1e-4). Kayenta keeps the continuity correction for the point
 * estimate too (the root of the statistic at z = 0), and so does this.
 *
 * Inputs must be free of NaN. Sorting both samples once turns each evaluation of the statistic into a
 * linear merge instead of a sort of the pooled sample; a root takes a few dozen evaluations.
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
  if (x.length === 0 || y.length === 0)
    throw new RangeError('mannWhitneyInterval needs two non-empty samples')
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RangeError(`confidence level must be strictly between 0 and 1, got ${confidenceLevel}`)
  }
  const statistic = rankSumStatistic(x, y)
  const xs = statistic.sortedX
  const ys = statistic.sortedY
  const shiftMin = xs[0] - ys[ys.length - 1]
  const shiftMax = xs[xs.length - 1] - ys[0]
  const z = normalQuantile((1 - confidenceLevel) / 2) // negative

  const root = (q: number): number => {
    const f = (shift: number) => statistic.standardized(shift) - q
    const fLower = f(shiftMin)
    const fUpper = f(shiftMax)
    if (fLower <= 0) return shiftMin
    if (fUpper >= 0) return shiftMax
    return findRootBrent(f, shiftMin, shiftMax, fLower, fUpper, { tolerance: ROOT_TOLERANCE })
  }
  const estimateOf = (): number => {
    const f = (shift: number) => statistic.standardized(shift)
    return findRootBrent(f, shiftMin, shiftMax, f(shiftMin), f(shiftMax), { tolerance: ROOT_TOLERANCE })
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

export function rankSumStatistic(x: readonly number[], y: readonly number[]): RankSumStatistic {
  const sortedX = Float64Array.from(x).sort()
  const sortedY = Float64Array.from(y).sort()
  const nx = sortedX.length
  const ny = sortedY.length
  const n = nx + ny

  const rankSum = (shift: number) => {
    let i = 0
    let j = 0
    let rank = 0
    let rankSumX = 0
    let tieSum = 0
    while (i < nx || j < ny) {
      // The next value in the pooled order, then every copy of it on both sides: one tie group.
      const xi = i < nx ? sortedX[i] - shift : Infinity
      const yj = j < ny ? sortedY[j] : Infinity
      const value = xi < yj ? xi : yj
      let fromX = 0
      let fromY = 0
      while (i < nx && sortedX[i] - shift === value) {
        fromX++
        i++
      }
      while (j < ny && sortedY[j] === value) {
        fromY++
        j++
      }
      const size = fromX + fromY
      if (size === 0) break // only ±Infinity left on a side; cannot happen for finite input
      rankSumX += fromX * (rank + (size + 1) / 2)
      tieSum += size * size * size - size
      rank += size
    }
    return { rankSumX, tieSum }
  }

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
