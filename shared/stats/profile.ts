import type { Distribution } from './distribution.js'
import { QuantileSketch, type SketchState } from './quantile-sketch.js'

/**
 * A dataset profile: per column its inferred type, counts, nulls, exact moments (Chan et al.'s parallel
 * update, so merging is exact), a quantile sketch, the most frequent categories and a 10-bin histogram.
 * It stays small whatever the data size, and profiles of shards merge into the profile of the whole
 * (exactly for counts, categories below the cap and the sketch's buckets; moments up to rounding).
 */
/** 2: the quantile sketch became logarithmic buckets (profiles of version 1 held KLL compactors). */
export const PROFILE_VERSION = 2
/** Distinct values tracked per column; beyond this the column is high-cardinality and counts stop. */
const MAX_CATEGORIES = 1000
/** Evidently bins numbers per value when they have at most 20 distinct values. */
const MAX_NUMERIC_DISTINCT = 21

export interface ColumnProfileState {
  type: 'integer' | 'number' | 'string' | 'boolean' | 'empty'
  count: number
  nulls: number
  numeric: number
  mean: number
  m2: number
  min: number | null
  max: number | null
  sketch: SketchState
  /** Value counts while the column has at most MAX_CATEGORIES distinct values, else null. */
  categories: Record<string, number> | null
  histogram?: { edges: number[]; counts: number[] }
  /** Values that are JSON arrays and objects (JSONL, Parquet LIST/STRUCT/MAP); absent when none. */
  arrays?: number
  objects?: number
}

export interface ProfileState {
  mlciProfile: number
  rows: number
  columns: Record<string, ColumnProfileState>
}

export class ColumnProfile {
  count = 0
  nulls = 0
  numeric = 0
  integers = 0
  booleans = 0
  arrays = 0
  objects = 0
  mean = 0
  m2 = 0
  min = Infinity
  max = -Infinity
  sketch: QuantileSketch
  categories: Map<string, number> | null = new Map()
  private declaredType?: ColumnProfileState['type']

  constructor(state?: ColumnProfileState) {
    this.sketch = new QuantileSketch(state?.sketch)
    if (state) {
      this.count = state.count
      this.nulls = state.nulls
      this.numeric = state.numeric
      this.mean = state.mean
      this.m2 = state.m2
      this.min = state.min ?? Infinity
      this.max = state.max ?? -Infinity
      this.categories = state.categories ? new Map(Object.entries(state.categories)) : null
      this.declaredType = state.type
      this.arrays = state.arrays ?? 0
      this.objects = state.objects ?? 0
    }
  }

  /** A type the user declared (schema or rules): digits in a `string` column stay categories. */
  declare(type: 'integer' | 'number' | 'string' | 'boolean'): void {
    this.declaredType = type
  }

  addNull(): void {
    this.count++
    this.nulls++
  }

  /** A non-null value: `number` is its numeric reading (NaN when it is not a number), `text` its category key. */
  addValue(text: string, number: number): void {
    this.addReading(number, number !== number && (text === 'true' || text === 'false'))
    if (this.categories !== null) this.addCategory(text)
  }

  /**
   * A non-null value without its category: callers that make strings only when they must add the text
   * with `addCategory` while `categories` is not null.
   */
  addReading(number: number, booleanWord: boolean): void {
    this.count++
    if (number === number) {
      this.numeric++
      if (Number.isInteger(number)) this.integers++
      const delta = number - this.mean
      this.mean += delta / this.numeric
      this.m2 += delta * (number - this.mean)
      if (number < this.min) this.min = number
      if (number > this.max) this.max = number
      this.sketch.add(number)
    } else if (booleanWord) {
      this.booleans++
    }
  }

  /** A non-null value of a typed table (JSONL, Parquet) that is an array or an object, added with addValue. */
  addStructure(isArray: boolean): void {
    if (isArray) this.arrays++
    else this.objects++
  }

  addCategory(text: string): void {
    const categories = this.categories
    if (categories === null) return
    const seen = categories.get(text)
    if (seen !== undefined) categories.set(text, seen + 1)
    // A new key is copied: a string sliced from a read chunk would keep the whole chunk alive.
    else if (categories.size < MAX_CATEGORIES) categories.set(Buffer.from(text, 'utf8').toString('utf8'), 1)
    else this.categories = null
  }

  merge(other: ColumnProfile): void {
    const n = this.numeric + other.numeric
    if (n > 0) {
      const delta = other.mean - this.mean
      this.m2 += other.m2 + (delta * delta * this.numeric * other.numeric) / n
      this.mean += (delta * other.numeric) / n
    }
    this.count += other.count
    this.nulls += other.nulls
    this.numeric = n
    this.integers += other.integers
    this.booleans += other.booleans
    this.arrays += other.arrays
    this.objects += other.objects
    this.min = Math.min(this.min, other.min)
    this.max = Math.max(this.max, other.max)
    this.sketch.merge(other.sketch)
    if (this.categories && other.categories) {
      for (const [key, value] of other.categories)
        this.categories.set(key, (this.categories.get(key) ?? 0) + value)
      if (this.categories.size > MAX_CATEGORIES) this.categories = null
    } else {
      this.categories = null
    }
    if (this.declaredType !== other.declaredType) this.declaredType = undefined
  }

  get type(): ColumnProfileState['type'] {
    const present = this.count - this.nulls
    if (present === 0) return 'empty'
    if (this.declaredType === 'string') return 'string'
    if (this.numeric === present) {
      if (this.declaredType === 'integer' || this.declaredType === 'number') return this.declaredType
      return this.integers === present ? 'integer' : 'number'
    }
    if (this.declaredType === 'boolean' || this.booleans === present) return 'boolean'
    return 'string'
  }

  get std(): number {
    return this.numeric > 0 ? Math.sqrt(this.m2 / this.numeric) : 0
  }

  /** What drift methods compare: numbers when the column is numeric, else category counts. */
  distribution(): Distribution | undefined {
    const type = this.type
    if (type === 'integer' || type === 'number') {
      const { values, weights } = this.sketch.weightedPoints()
      let distinct: Map<number, number> | undefined
      if (this.categories && this.categories.size <= MAX_NUMERIC_DISTINCT) {
        distinct = new Map([...this.categories].map(([k, v]) => [Number(k), v]))
      }
      return {
        kind: 'numeric',
        values,
        weights,
        count: this.numeric,
        min: this.min,
        max: this.max,
        std: this.std,
        distinct
      }
    }
    if (type === 'empty' || this.categories === null) return undefined
    return { kind: 'categorical', counts: this.categories, count: this.count - this.nulls }
  }

  toJSON(): ColumnProfileState {
    const type = this.type
    const numeric = type === 'integer' || type === 'number'
    return {
      type,
      count: this.count,
      nulls: this.nulls,
      numeric: this.numeric,
      mean: this.mean,
      m2: this.m2,
      min: this.numeric ? this.min : null,
      max: this.numeric ? this.max : null,
      sketch: numeric ? this.sketch.toJSON() : { exact: [] },
      categories:
        this.categories && (!numeric || this.categories.size <= MAX_NUMERIC_DISTINCT)
          ? Object.fromEntries([...this.categories].sort((a, b) => b[1] - a[1]))
          : null,
      histogram: numeric ? this.histogram() : undefined,
      arrays: this.arrays || undefined,
      objects: this.objects || undefined
    }
  }

  private histogram(): { edges: number[]; counts: number[] } {
    const bins = this.max > this.min ? 10 : 1
    const edges = Array.from({ length: bins + 1 }, (_, i) => this.min + ((this.max - this.min) * i) / bins)
    const counts = new Array<number>(bins).fill(0)
    const { values, weights } = this.sketch.weightedPoints()
    values.forEach((v, i) => {
      const bin =
        // A bucket's representative may sit just outside [min, max] (by the sketch's relative accuracy).
        bins === 1
          ? 0
          : Math.max(0, Math.min(bins - 1, Math.floor(((v - this.min) / (this.max - this.min)) * bins)))
      counts[bin] += weights[i]
    })
    return { edges, counts }
  }
}

export class Profile {
  rows = 0
  readonly columns = new Map<string, ColumnProfile>()

  column(name: string): ColumnProfile {
    let column = this.columns.get(name)
    if (!column) {
      column = new ColumnProfile()
      // A column first seen late (JSONL) was absent, i.e. null, in the rows before.
      column.count = column.nulls = this.rows
      this.columns.set(name, column)
    }
    return column
  }

  merge(other: Profile): void {
    for (const [name, column] of other.columns) {
      const mine = this.columns.get(name)
      if (mine) mine.merge(column)
      else {
        const added = new ColumnProfile()
        added.count = added.nulls = this.rows
        added.merge(column)
        this.columns.set(name, added)
      }
    }
    for (const [name, column] of this.columns) {
      if (!other.columns.has(name)) {
        column.count += other.rows
        column.nulls += other.rows
      }
    }
    this.rows += other.rows
  }

  toJSON(): ProfileState {
    return {
      mlciProfile: PROFILE_VERSION,
      rows: this.rows,
      columns: Object.fromEntries([...this.columns].map(([name, column]) => [name, column.toJSON()]))
    }
  }

  static fromJSON(state: ProfileState): Profile {
    const profile = new Profile()
    profile.rows = state.rows
    for (const [name, column] of Object.entries(state.columns))
      profile.columns.set(name, new ColumnProfile(column))
    return profile
  }
}
