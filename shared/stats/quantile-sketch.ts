/**
 * A mergeable quantile sketch with relative accuracy, after DDSketch (Masson, Rim & Lee, VLDB 2019). It
 * holds the values themselves while there are fewer than EXACT_LIMIT (so small samples are exact: drift
 * scores on them match SciPy's), then counts values in logarithmic buckets: bucket i holds the positive
 * values in (γ^(i−1), γ^i], with γ = (1 + α)/(1 − α), and a bucket's representative 2γ^i/(γ + 1) is within
 * α of every value in it. Negative values mirror the positive buckets; zeros (and magnitudes too small to
 * index) are counted apart. Adding is a logarithm and an increment (no sorting, unlike KLL's compactors),
 * and merging adds counts, so the sketch of shards merged is exactly the sketch of the whole.
 */
export interface SketchState {
  /** The values, while fewer than EXACT_LIMIT were added. */
  exact?: number[]
  /** Else bucket index → count, for positive and for negative values (by magnitude). */
  positive?: Record<string, number>
  negative?: Record<string, number>
  zeros?: number
}

const EXACT_LIMIT = 4096
/** Relative accuracy: a quantile is returned within 0.5% of a value of that rank. */
const ALPHA = 0.005
const GAMMA = (1 + ALPHA) / (1 - ALPHA)
const INVERSE_LOG_GAMMA = 1 / Math.log(GAMMA)
/** Magnitudes below this count as zero (about 70,000 buckets below the smallest double otherwise). */
const MIN_INDEXABLE = 1e-200

/** Counts over a contiguous range of bucket indexes, grown as values arrive. */
class BucketStore {
  offset = 0
  counts = new Float64Array(0)

  add(index: number, count: number): void {
    const at = index - this.offset
    if (at >= 0 && at < this.counts.length) this.counts[at] += count
    else this.extendTo(index).counts[index - this.offset] += count
  }

  /** Non-zero buckets as index → count. */
  toJSON(): Record<string, number> {
    const out: Record<string, number> = {}
    this.counts.forEach((count, at) => {
      if (count > 0) out[at + this.offset] = count
    })
    return out
  }

  private extendTo(index: number): this {
    if (this.counts.length === 0) {
      this.offset = index
      this.counts = new Float64Array(64)
      return this
    }
    const low = Math.min(this.offset, index)
    const high = Math.max(this.offset + this.counts.length, index + 1)
    // Room to spare on the side that grew, so a slowly widening range is not copied for every new bucket.
    const spare = Math.max(64, (high - low) >> 1)
    const start = index < this.offset ? low - spare : low
    const grown = new Float64Array(high - low + spare)
    grown.set(this.counts, this.offset - start)
    this.offset = start
    this.counts = grown
    return this
  }
}

export class QuantileSketch {
  private exact: Float64Array | undefined = new Float64Array(EXACT_LIMIT)
  private count = 0
  private readonly positive = new BucketStore()
  private readonly negative = new BucketStore()
  private zeros = 0

  constructor(state?: SketchState) {
    if (!state) return
    for (const value of state.exact ?? []) this.add(value)
    if (state.positive || state.negative || state.zeros) {
      this.toBuckets()
      for (const [index, count] of Object.entries(state.positive ?? {}))
        this.positive.add(Number(index), count)
      for (const [index, count] of Object.entries(state.negative ?? {}))
        this.negative.add(Number(index), count)
      this.zeros += state.zeros ?? 0
    }
  }

  add(value: number): void {
    const exact = this.exact
    if (exact !== undefined) {
      exact[this.count++] = value
      if (this.count === EXACT_LIMIT) this.toBuckets()
    } else {
      this.count++
      this.addToBucket(value, 1)
    }
  }

  merge(other: QuantileSketch): void {
    if (other.exact !== undefined) {
      for (let i = 0; i < other.count; i++) this.add(other.exact[i])
      return
    }
    this.toBuckets()
    this.count += other.count
    this.zeros += other.zeros
    other.positive.counts.forEach(
      (count, at) => count > 0 && this.positive.add(at + other.positive.offset, count)
    )
    other.negative.counts.forEach(
      (count, at) => count > 0 && this.negative.add(at + other.negative.offset, count)
    )
  }

  /** True while the sketch holds the values themselves (fewer than EXACT_LIMIT). */
  get isExact(): boolean {
    return this.exact !== undefined
  }

  /** Sorted points with their weights: the distribution the drift methods read. */
  weightedPoints(): { values: number[]; weights: number[] } {
    if (this.exact !== undefined) {
      const values = Array.from(this.exact.subarray(0, this.count)).sort((a, b) => a - b)
      return { values, weights: values.map(() => 1) }
    }
    const values: number[] = []
    const weights: number[] = []
    const { negative, positive } = this
    for (let at = negative.counts.length - 1; at >= 0; at--) {
      if (negative.counts[at] === 0) continue
      values.push(-representative(at + negative.offset))
      weights.push(negative.counts[at])
    }
    if (this.zeros > 0) {
      values.push(0)
      weights.push(this.zeros)
    }
    for (let at = 0; at < positive.counts.length; at++) {
      if (positive.counts[at] === 0) continue
      values.push(representative(at + positive.offset))
      weights.push(positive.counts[at])
    }
    return { values, weights }
  }

  quantile(q: number): number {
    const { values, weights } = this.weightedPoints()
    const total = weights.reduce((a, b) => a + b, 0)
    let seen = 0
    for (let i = 0; i < values.length; i++) {
      seen += weights[i]
      if (seen >= q * total) return values[i]
    }
    return values[values.length - 1] ?? NaN
  }

  toJSON(): SketchState {
    if (this.exact !== undefined) return { exact: Array.from(this.exact.subarray(0, this.count)) }
    return { positive: this.positive.toJSON(), negative: this.negative.toJSON(), zeros: this.zeros }
  }

  private toBuckets(): void {
    const exact = this.exact
    if (exact === undefined) return
    this.exact = undefined
    for (let i = 0; i < this.count; i++) this.addToBucket(exact[i], 1)
  }

  private addToBucket(value: number, count: number): void {
    if (value > MIN_INDEXABLE) this.positive.add(Math.ceil(Math.log(value) * INVERSE_LOG_GAMMA), count)
    else if (value < -MIN_INDEXABLE) this.negative.add(Math.ceil(Math.log(-value) * INVERSE_LOG_GAMMA), count)
    else this.zeros += count
  }
}

/** The point that stands for `value` once the sketch holds buckets: its bucket's representative (0 for zeros). */
export function bucketPoint(value: number): number {
  if (value > MIN_INDEXABLE) return representative(Math.ceil(Math.log(value) * INVERSE_LOG_GAMMA))
  if (value < -MIN_INDEXABLE) return -representative(Math.ceil(Math.log(-value) * INVERSE_LOG_GAMMA))
  return 0
}

/** The value every member of bucket `index` is within α of. */
function representative(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1)
}
