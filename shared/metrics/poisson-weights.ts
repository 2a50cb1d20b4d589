/**
 * Seeded Poisson(1) weights, the Poisson bootstrap (Hanley & MacGibbon 2006; TFMA uses it too): each example
 * counts w ~ Poisson(1) times, independently, instead of drawing n examples with replacement. The two agree as
 * n grows, and independent weights need no array copy, no index draw and no sort per resample, which is what
 * makes 1,000 resamples of a million predictions affordable. Every resample is reproducible from (seed, index).
 */
/** Where a metric pass gets each example's weight from, in the order it visits the examples. */
export interface WeightStream {
  next(): number
}

export class PoissonWeights implements WeightStream {
  private state: number

  constructor(seed: number, resample: number) {
    this.state = mix32((seed >>> 0) ^ mix32(resample + 0x9e3779b9))
  }

  /** The next example's weight: 0 about 37% of the time, 1 another 37%, then 2, 3, ... */
  next(): number {
    // mulberry32: one 32-bit state, full period, passes BigCrush's serial tests (xorshift32 does not,
    // and its serial correlation visibly widened rank-metric intervals).
    const a = (this.state = (this.state + 0x6d2b79f5) | 0)
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    const u = (t ^ (t >>> 14)) >>> 0
    if (u < POISSON_CDF[0]) return 0
    if (u < POISSON_CDF[1]) return 1
    let k = 2
    while (k < POISSON_CDF.length && u >= POISSON_CDF[k]) k++
    return k
  }
}

/** P(W ≤ k) for W ~ Poisson(1), scaled to 2³², k = 0..12 (beyond that the mass is below 1e-10). */
const POISSON_CDF = (() => {
  const cdf: number[] = []
  let term = Math.exp(-1)
  let total = 0
  for (let k = 0; k <= 12; k++) {
    total += term
    cdf.push(Math.min(2 ** 32, Math.round(total * 2 ** 32)))
    term /= k + 1
  }
  return cdf
})()

/** A 32-bit integer hash (Wang/murmur finaliser) so neighbouring seeds start far apart. */
function mix32(value: number): number {
  let h = value >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * Replays fixed per-example weights (indexed by the example's original row) in a pass's visiting order: the
 * paired bootstrap weighs the candidate's and the baseline's prediction of one example alike.
 */
export class RowWeights implements WeightStream {
  private position = 0

  constructor(
    private readonly weights: Uint8Array,
    private readonly order: Uint32Array | null
  ) {}

  next(): number {
    const at = this.position++
    return this.weights[this.order === null ? at : this.order[at]]
  }
}
