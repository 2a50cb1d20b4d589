import { CATEGORY_CLASSES, classCounts } from './category-classes.js'
import type { CategoricalDistribution, Distribution, NumericDistribution } from './distribution.js'
import { bucketPoint } from './quantile-sketch.js'
import { chiSquareSurvival, kolmogorovSurvival } from './special-functions.js'

/**
 * Drift scores between a reference and a current distribution, with Evidently's semantics (sources in
 * the research notes B §3): distances drift when score ≥ threshold, p-values when p < threshold.
 */
export type DriftMethod = 'psi' | 'ks' | 'wasserstein' | 'jensenshannon' | 'linf' | 'chisquare'
export const DRIFT_METHODS: readonly DriftMethod[] = [
  'psi',
  'ks',
  'wasserstein',
  'jensenshannon',
  'linf',
  'chisquare'
]
/** Methods whose score is a p-value: small means drift. */
export const P_VALUE_METHODS: ReadonlySet<DriftMethod> = new Set(['chisquare'])
export const NUMERIC_ONLY: ReadonlySet<DriftMethod> = new Set(['ks', 'wasserstein'])
export const CATEGORICAL_ONLY: ReadonlySet<DriftMethod> = new Set(['linf'])

export interface DriftScore {
  method: DriftMethod
  score: number
  /** The KS statistic D when method is ks (score is D; `pValue` is the asymptotic p-value). */
  statistic?: number
  pValue?: number
  /**
   * The largest magnitude among the operands the score was computed from: a threshold comparison allows a
   * few ulps of it (tolerance.ts). 1 for scores made of proportions (KS, JS, L∞, p-values).
   */
  magnitude: number
  /**
   * Set when the score is not computed on the exact values: `sketch` when a side has more than 1000 distinct
   * numbers and more values than the sketch holds (its buckets stand for the values, within 0.5%),
   * `hash-classes` when a side has more than 1000 distinct categories (a lower bound of the exact score).
   */
  approximation?: 'sketch' | 'hash-classes'
}

export function computeDrift(
  method: DriftMethod,
  reference: Distribution,
  current: Distribution
): DriftScore {
  if (method === 'ks' || method === 'wasserstein') {
    if (reference.kind !== 'numeric' || current.kind !== 'numeric') throw new Error(`${method} needs numbers`)
    const approximation = reference.exact && current.exact ? {} : { approximation: 'sketch' as const }
    if (method === 'wasserstein') {
      const scale = Math.max(reference.std, 0.001)
      const largest = Math.max(
        Math.abs(reference.min),
        Math.abs(reference.max),
        Math.abs(current.min),
        Math.abs(current.max)
      )
      return {
        method,
        score: wasserstein(reference, current) / scale,
        magnitude: largest / scale,
        ...approximation
      }
    }
    const statistic = ksStatistic(reference, current)
    const effective = (reference.count * current.count) / (reference.count + current.count)
    return {
      method,
      score: statistic,
      statistic,
      pValue: kolmogorovSurvival(statistic * Math.sqrt(effective)),
      magnitude: 1,
      ...approximation
    }
  }
  if (method === 'linf') {
    if (reference.kind !== 'categorical' || current.kind !== 'categorical')
      throw new Error('linf needs categories')
    const [p, q, approximation] = categoryCounts(reference, current)
    return { method, score: lInfinity(p, q), magnitude: 1, ...(approximation ? { approximation } : {}) }
  }
  const [p, q, approximation] = binnedCounts(reference, current)
  const approximate = approximation ? { approximation } : {}
  if (method === 'psi') return { method, ...psi(p, q), ...approximate }
  if (method === 'jensenshannon')
    return { method, score: jensenShannonDistance(p, q), magnitude: 1, ...approximate }
  return { method, ...chiSquare(p, q), magnitude: 1, ...approximate }
}

type Binned = [number[], number[], DriftScore['approximation']]

/**
 * Evidently's binning (get_binned_data): when the REFERENCE has more than 20 distinct numbers, Sturges bins
 * over the combined data; else one bin per value of either side (categories always).
 */
function binnedCounts(reference: Distribution, current: Distribution): Binned {
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    if (reference.distinct && reference.distinct.size <= 20) {
      const counts = current.distinct ?? pointCounts(current, reference.distinct)
      const keys = [...new Set([...reference.distinct.keys(), ...counts.keys()])].sort((a, b) => a - b)
      return [
        keys.map(k => reference.distinct!.get(k) ?? 0),
        keys.map(k => counts.get(k) ?? 0),
        current.distinct || current.exact ? undefined : 'sketch'
      ]
    }
    return [...sturgesHistograms(reference, current), reference.exact && current.exact ? undefined : 'sketch']
  }
  if (reference.kind === 'numeric' || current.kind === 'numeric')
    throw new Error('a numeric and a categorical distribution have no common bins')
  return categoryCounts(reference, current)
}

/**
 * A distribution's points as value counts. On a sketch's buckets, a bucket that holds one of the reference's
 * values is counted as that value (the values of a bucket are within 0.5% of each other), the others as
 * values of their own: without this every current value would look new next to an exact reference.
 */
function pointCounts(
  d: NumericDistribution,
  referenceValues: ReadonlyMap<number, number>
): Map<number, number> {
  const stand = new Map<number, number>()
  if (!d.exact) for (const value of referenceValues.keys()) stand.set(bucketPoint(value), value)
  const counts = new Map<number, number>()
  for (let i = 0; i < d.values.length; i++) {
    const value = stand.get(d.values[i]) ?? d.values[i]
    counts.set(value, (counts.get(value) ?? 0) + (d.weights?.[i] ?? 1))
  }
  return counts
}

/** Counts per category of either side; per hash class when a side has only class counts. */
function categoryCounts(reference: CategoricalDistribution, current: CategoricalDistribution): Binned {
  if (reference.counts && current.counts) {
    const r = reference.counts
    const c = current.counts
    const keys = [...new Set([...r.keys(), ...c.keys()])].sort()
    return [keys.map(k => r.get(k) ?? 0), keys.map(k => c.get(k) ?? 0), undefined]
  }
  const r = reference.classes ?? classCounts(reference.counts!)
  const c = current.classes ?? classCounts(current.counts!)
  const p: number[] = []
  const q: number[] = []
  for (let at = 0; at < CATEGORY_CLASSES; at++) {
    if (r[at] > 0 || c[at] > 0) {
      p.push(r[at])
      q.push(c[at])
    }
  }
  return [p, q, 'hash-classes']
}

/**
 * numpy.histogram_bin_edges(concat(ref, cur), 'sturges') then numpy.histogram of each side. The edges are
 * numpy's to the last bit: linspace computes edge i as i · ((hi − lo) / bins) + lo (i · delta / bins only when
 * that step underflows to 0), and the last edge is hi itself.
 */
function sturgesHistograms(
  reference: NumericDistribution,
  current: NumericDistribution
): [number[], number[]] {
  let lo = Math.min(reference.min, current.min)
  let hi = Math.max(reference.max, current.max)
  const n = reference.count + current.count
  let bins = 1
  if (hi > lo) {
    const width = (hi - lo) / (Math.log2(n) + 1)
    bins = Math.max(1, Math.ceil((hi - lo) / width))
  } else {
    lo -= 0.5
    hi += 0.5
  }
  const delta = hi - lo
  const step = delta / bins
  const edges = Array.from({ length: bins + 1 }, (_, i) => (step === 0 ? (i / bins) * delta : i * step) + lo)
  edges[bins] = hi
  const histogram = (d: NumericDistribution) => {
    const counts = new Array<number>(bins).fill(0)
    for (let i = 0; i < d.values.length; i++) counts[binOf(edges, d.values[i])] += d.weights?.[i] ?? 1
    return counts
  }
  return [histogram(reference), histogram(current)]
}

/**
 * numpy.histogram's bin for x: the last i with edges[i] ≤ x, the last bin closed on the right. A sketch's
 * bucket representative just outside [lo, hi] goes to the nearest end bin.
 */
function binOf(edges: readonly number[], x: number): number {
  const bins = edges.length - 1
  if (!(x > edges[0])) return 0
  if (x >= edges[bins]) return bins - 1
  let low = 0
  let high = bins
  while (high - low > 1) {
    const mid = (low + high) >> 1
    if (edges[mid] <= x) low = mid
    else high = mid
  }
  return low
}

const proportions = (counts: number[]) => {
  const total = counts.reduce((a, b) => a + b, 0)
  return counts.map(c => (total === 0 ? 0 : c / total))
}

/** Evidently fills empty bins in each vector with min(non-zero)/1e6 when that is ≤ 1e-4, else 1e-4. */
function fillZeros(p: number[]): number[] {
  const nonZero = p.filter(x => x > 0)
  const smallest = nonZero.length ? Math.min(...nonZero) : 1
  const fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001
  return p.map(x => (x === 0 ? fill : x))
}

/** Evidently's PSI on zero-filled proportions, with the largest term's magnitude (what its rounding is relative to). */
export function psi(
  referenceCounts: number[],
  currentCounts: number[]
): { score: number; magnitude: number } {
  const p = fillZeros(proportions(referenceCounts))
  const q = fillZeros(proportions(currentCounts))
  let sum = 0
  let magnitude = 0
  for (let i = 0; i < p.length; i++) {
    const term = (p[i] - q[i]) * Math.log(p[i] / q[i])
    sum += term
    magnitude += Math.abs(term)
  }
  return { score: sum, magnitude }
}

/** scipy.spatial.distance.jensenshannon(p, q): natural log, a distance in [0, √ln 2]. */
export function jensenShannonDistance(referenceCounts: number[], currentCounts: number[]): number {
  const p = proportions(referenceCounts)
  const q = proportions(currentCounts)
  let divergence = 0
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2
    if (p[i] > 0) divergence += p[i] * Math.log(p[i] / m)
    if (q[i] > 0) divergence += q[i] * Math.log(q[i] / m)
  }
  return Math.sqrt(Math.max(0, divergence / 2))
}

/** TFDV's L-infinity distance between the two normalised value counts (aligned: one entry per value). */
export function lInfinity(referenceCounts: number[], currentCounts: number[]): number {
  const p = proportions(referenceCounts)
  const q = proportions(currentCounts)
  let max = 0
  for (let i = 0; i < p.length; i++) max = Math.max(max, Math.abs(p[i] - q[i]))
  return max
}

/** Evidently's chi-square: expected = reference counts scaled to the current total; a new category gives p = 0. */
function chiSquare(referenceCounts: number[], currentCounts: number[]): { score: number; statistic: number } {
  const nr = referenceCounts.reduce((a, b) => a + b, 0)
  const nc = currentCounts.reduce((a, b) => a + b, 0)
  let statistic = 0
  for (let i = 0; i < referenceCounts.length; i++) {
    const expected = (referenceCounts[i] * nc) / nr
    const observed = currentCounts[i]
    if (expected === 0) {
      if (observed > 0) return { score: 0, statistic: Infinity }
      continue
    }
    statistic += ((observed - expected) * (observed - expected)) / expected
  }
  return { score: chiSquareSurvival(statistic, referenceCounts.length - 1), statistic }
}

/** Walks both weighted ECDFs over the union of points: sup |F_ref − F_cur| (scipy.stats.ks_2samp's D). */
function ksStatistic(reference: NumericDistribution, current: NumericDistribution): number {
  let max = 0
  walkCdfs(reference, current, (fr, fc) => {
    const d = Math.abs(fr - fc)
    if (d > max) max = d
  })
  return max
}

/** scipy.stats.wasserstein_distance; computeDrift divides it by the reference's population std (floored at 0.001), as Evidently. */
function wasserstein(reference: NumericDistribution, current: NumericDistribution): number {
  let area = 0
  walkCdfs(reference, current, (fr, fc, x, next) => {
    if (next !== undefined) area += Math.abs(fr - fc) * (next - x)
  })
  return area
}

function total(d: NumericDistribution): number {
  const values = d.weights
  if (values === undefined) return d.values.length
  let total = 0
  for (let i = 0; i < values.length; i++) total += values[i]
  return total
}

/** Calls back at each distinct point x of the union with both CDFs just after x, and the next point. */
function walkCdfs(
  reference: NumericDistribution,
  current: NumericDistribution,
  visit: (fr: number, fc: number, x: number, next: number | undefined) => void
): void {
  const totalR = total(reference)
  const totalC = total(current)
  let i = 0
  let j = 0
  let cr = 0
  let cc = 0
  const a = reference.values
  const b = current.values
  const wa = reference.weights
  const wb = current.weights
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j]
    for (; i < a.length && a[i] === x; i++) cr += wa === undefined ? 1 : wa[i]
    for (; j < b.length && b[j] === x; j++) cc += wb === undefined ? 1 : wb[j]
    const next = i < a.length || j < b.length ? Math.min(a[i] ?? Infinity, b[j] ?? Infinity) : undefined
    visit(cr / totalR, cc / totalC, x, next)
  }
}
