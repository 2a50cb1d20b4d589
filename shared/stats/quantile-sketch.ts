/**
 * A mergeable quantile sketch in the spirit of KLL (Karnin, Lang, Liberty 2016): exact while it holds at
 * most EXACT_LIMIT values, then a stack of compactors, each holding up to CAPACITY items of weight 2^level.
 * A full compactor sorts itself and promotes every other item (alternating offsets, so it stays
 * deterministic) one level up. Merging concatenates level by level and compacts, so shards merged give the
 * same error bound as one pass over the whole. Rank error is about 1/CAPACITY per level touched.
 * Level 0 lives in a Float64Array: adding is a store, and compaction sorts natively.
 */
export interface SketchState {
  levels: number[][]
}

export const EXACT_LIMIT = 4096
const CAPACITY = 512

export class QuantileSketch {
  /** Levels 1 and up; level 0 is `buffer[0..count)`. */
  private upper: number[][] = []
  private buffer = new Float64Array(EXACT_LIMIT)
  private count = 0
  private flips = 0

  constructor(state?: SketchState) {
    if (!state) return
    this.upper = state.levels.slice(1).map(level => [...level])
    for (const value of state.levels[0] ?? []) this.add(value)
  }

  get levels(): number[][] {
    return [Array.from(this.buffer.subarray(0, this.count)), ...this.upper]
  }

  add(value: number): void {
    this.buffer[this.count++] = value
    if (this.count === this.limit()) this.compactBuffer()
  }

  merge(other: QuantileSketch): void {
    other.upper.forEach((level, i) => {
      while (this.upper.length <= i) this.upper.push([])
      for (const value of level) this.upper[i].push(value)
    })
    this.compactUpper()
    for (let i = 0; i < other.count; i++) this.add(other.buffer[i])
  }

  /** Sorted points with their weights: the distribution the drift methods read. */
  weightedPoints(): { values: number[]; weights: number[] } {
    const pairs: [number, number][] = []
    this.levels.forEach((level, i) => level.forEach(v => pairs.push([v, 2 ** i])))
    pairs.sort((a, b) => a[0] - b[0])
    return { values: pairs.map(p => p[0]), weights: pairs.map(p => p[1]) }
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
    return { levels: this.levels }
  }

  private limit(): number {
    return this.upper.length === 0 ? EXACT_LIMIT : CAPACITY
  }

  private compactBuffer(): void {
    const sorted = this.buffer.subarray(0, this.count).sort()
    const offset = this.flips++ % 2
    if (this.upper.length === 0) this.upper.push([])
    const promoted = this.upper[0]
    const even = this.count - (this.count % 2)
    for (let k = offset; k < even; k += 2) promoted.push(sorted[k])
    const leftover = this.count % 2 === 1 ? sorted[this.count - 1] : undefined
    this.count = 0
    if (leftover !== undefined) this.buffer[this.count++] = leftover
    this.compactUpper()
  }

  private compactUpper(): void {
    for (let i = 0; i < this.upper.length; i++) {
      const level = this.upper[i]
      if (level.length <= CAPACITY) continue
      const sorted = new Float64Array(level).sort()
      const offset = this.flips++ % 2
      const even = sorted.length - (sorted.length % 2)
      if (i + 1 === this.upper.length) this.upper.push([])
      for (let k = offset; k < even; k += 2) this.upper[i + 1].push(sorted[k])
      this.upper[i] = sorted.length % 2 === 1 ? [sorted[sorted.length - 1]] : []
    }
  }
}
