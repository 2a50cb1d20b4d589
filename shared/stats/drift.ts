import type { Distribution, NumericDistribution } from './distribution.js'
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
}

export function computeDrift(
  method: DriftMethod,
  reference: Distribution,
  current: Distribution
): DriftScore {
  if (method === 'ks' || method === 'wasserstein') {
    if (reference.kind !== 'numeric' || current.kind !== 'numeric') throw new Error(`${method} needs numbers`)
    if (method === 'wasserstein') return { method, score: wassersteinNormed(reference, current) }
    const statistic = ksStatistic(reference, current)
    const effective = (reference.count * current.count) / (reference.count + current.count)
    return {
      method,
      score: statistic,
      statistic,
      pValue: kolmogorovSurvival(statistic * Math.sqrt(effective))
    }
  }
  if (method === 'linf') {
    if (reference.kind !== 'categorical' || current.kind !== 'categorical')
      throw new Error('linf needs categories')
    return { method, score: lInfinity(reference.counts, current.counts) }
  }
  const [p, q] = binnedCounts(reference, current)
  if (method === 'psi') return { method, score: psi(p, q) }
  if (method === 'jensenshannon') return { method, score: jensenShannonDistance(p, q) }
  return { method, ...chiSquare(p, q) }
}

/** Evidently's binning: Sturges bins over the combined data for numbers with > 20 distinct values, else one bin per value. */
function binnedCounts(reference: Distribution, current: Distribution): [number[], number[]] {
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    if (reference.distinct && current.distinct) {
      const keys = new Set([...reference.distinct.keys(), ...current.distinct.keys()])
      if (keys.size <= 20) {
        const sorted = [...keys].sort((a, b) => a - b)
        return [
          sorted.map(k => reference.distinct!.get(k) ?? 0),
          sorted.map(k => current.distinct!.get(k) ?? 0)
        ]
      }
    }
    return sturgesHistograms(reference, current)
  }
  const counts = (d: Distribution): Map<string, number> =>
    d.kind === 'categorical'
      ? d.counts
      : new Map(d.values.map((v, i) => [String(v), d.weights[i]] as [string, number]))
  const r = counts(reference)
  const c = counts(current)
  const keys = [...new Set([...r.keys(), ...c.keys()])].sort()
  return [keys.map(k => r.get(k) ?? 0), keys.map(k => c.get(k) ?? 0)]
}

/** numpy.histogram_bin_edges(concat(ref, cur), 'sturges') then numpy.histogram of each side. */
function sturgesHistograms(
  reference: NumericDistribution,
  current: NumericDistribution
): [number[], number[]] {
  const lo = Math.min(reference.min, current.min)
  const hi = Math.max(reference.max, current.max)
  const n = reference.count + current.count
  let bins = 1
  if (hi > lo) {
    const width = (hi - lo) / (Math.log2(n) + 1)
    bins = Math.max(1, Math.ceil((hi - lo) / width))
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins)
  edges[bins] = hi
  const histogram = (d: NumericDistribution) => {
    const counts = new Array<number>(bins).fill(0)
    const first = hi > lo ? lo : lo - 0.5
    const span = hi > lo ? hi - lo : 1
    for (let i = 0; i < d.values.length; i++) {
      const x = d.values[i]
      let bin = Math.floor(((x - first) / span) * bins)
      if (bin >= bins) bin = bins - 1
      if (bin < 0) bin = 0
      if (hi > lo) {
        if (x < edges[bin]) bin--
        else if (bin < bins - 1 && x >= edges[bin + 1]) bin++
      }
      counts[bin] += d.weights[i]
    }
    return counts
  }
  return [histogram(reference), histogram(current)]
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

export function psi(referenceCounts: number[], currentCounts: number[]): number {
  const p = fillZeros(proportions(referenceCounts))
  const q = fillZeros(proportions(currentCounts))
  let sum = 0
  for (let i = 0; i < p.length; i++) sum += (p[i] - q[i]) * Math.log(p[i] / q[i])
  return sum
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

/** TFDV's L-infinity distance between the two normalised value counts. */
export function lInfinity(reference: Map<string, number>, current: Map<string, number>): number {
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)
  const nr = total(reference)
  const nc = total(current)
  let max = 0
  for (const key of new Set([...reference.keys(), ...current.keys()])) {
    const diff = Math.abs((reference.get(key) ?? 0) / nr - (current.get(key) ?? 0) / nc)
    if (diff > max) max = diff
  }
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

/** scipy.stats.wasserstein_distance divided by the reference's population std (floored at 0.001), as Evidently. */
function wassersteinNormed(reference: NumericDistribution, current: NumericDistribution): number {
  return wasserstein(reference, current) / Math.max(reference.std, 0.001)
}

function wasserstein(reference: NumericDistribution, current: NumericDistribution): number {
  let area = 0
  walkCdfs(reference, current, (fr, fc, x, next) => {
    if (next !== undefined) area += Math.abs(fr - fc) * (next - x)
  })
  return area
}

/** Calls back at each distinct point x of the union with both CDFs just after x, and the next point. */
function walkCdfs(
  reference: NumericDistribution,
  current: NumericDistribution,
  visit: (fr: number, fc: number, x: number, next: number | undefined) => void
): void {
  const totalR = reference.weights.reduce((a, b) => a + b, 0)
  const totalC = current.weights.reduce((a, b) => a + b, 0)
  let i = 0
  let j = 0
  let cr = 0
  let cc = 0
  const a = reference.values
  const b = current.values
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j]
    while (i < a.length && a[i] === x) cr += reference.weights[i++]
    while (j < b.length && b[j] === x) cc += current.weights[j++]
    const next = i < a.length || j < b.length ? Math.min(a[i] ?? Infinity, b[j] ?? Infinity) : undefined
    visit(cr / totalR, cc / totalC, x, next)
  }
}
