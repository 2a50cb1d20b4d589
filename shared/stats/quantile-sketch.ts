/**
 * A mergeable quantile sketch in the spirit of KLL (Karnin, Lang, Liberty 2016): exact while it holds at
 * most EXACT_LIMIT values, then a stack of compactors, each holding up to `capacity` items of weight 2^level.
 * A full compactor sorts itself and promotes every other item (alternating offsets, so it stays
 * deterministic) one level up. Merging concatenates level by level and compacts, so shards merged give the
 * same error bound as one pass over the whole. Rank error is about 1/capacity per level touched.
 */
export interface SketchState {
  levels: number[][]
}

export const EXACT_LIMIT = 4096
const CAPACITY = 512

export class QuantileSketch {
  levels: number[][]
  private flips = 0

  constructor(state?: SketchState) {
    this.levels = state ? state.levels.map(level => [...level]) : [[]]
  }

  add(value: number): void {
    this.levels[0].push(value)
    if (this.levels[0].length > this.limit(0)) this.compress()
  }

  merge(other: QuantileSketch): void {
    other.levels.forEach((level, i) => {
      while (this.levels.length <= i) this.levels.push([])
      this.levels[i].push(...level)
    })
    this.compress()
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

  private limit(level: number): number {
    return this.levels.length === 1 && level === 0 ? EXACT_LIMIT : CAPACITY
  }

  private compress(): void {
    for (let i = 0; i < this.levels.length; i++) {
      const level = this.levels[i]
      if (level.length <= this.limit(i)) continue
      level.sort((a, b) => a - b)
      const offset = this.flips++ % 2
      const promoted: number[] = []
      for (let k = offset; k < level.length - (level.length % 2); k += 2) promoted.push(level[k])
      const kept = level.length % 2 === 1 ? [level[level.length - 1]] : []
      this.levels[i] = kept
      if (i + 1 === this.levels.length) this.levels.push([])
      this.levels[i + 1].push(...promoted)
    }
  }
}
