import { CATEGORY_CLASSES, classCounts, textClass } from './category-classes.js'
import type { Distribution, NumericDistribution } from './distribution.js'
import { QuantileSketch, type SketchState } from './quantile-sketch.js'

/**
 * A dataset profile: per column its inferred type, counts, nulls, exact moments (Chan et al.'s parallel
 * update, so merging is exact), a quantile sketch, the most frequent categories and a 10-bin histogram.
 * It stays small whatever the data size, and profiles of shards merge into the profile of the whole
 * (exactly for counts, categories below the cap and the sketch's buckets; moments up to rounding).
 */
/**
 * 2: the quantile sketch became logarithmic buckets (profiles of version 1 held KLL compactors).
 * 3: non-finite numbers counted apart (`nonFinite`), statistics over the finite ones; value counts of a
 * column beyond MAX_CATEGORIES distinct values kept as hash classes (`categoryClasses`); numeric columns
 * keep their exact value counts up to MAX_CATEGORIES too.
 */
export const PROFILE_VERSION = 3
/** Distinct values counted exactly per column; beyond this the counts go to hash classes (category-classes.ts). */
const MAX_CATEGORIES = 1000

/** Numbers that are not finite: counted, never part of moments, min/max, sketch or histogram. */
export interface NonFiniteCounts {
  positive: number
  negative: number
  nan: number
}

/**
 * How many finite numbers a profile may keep, over all its columns, so that drift is computed on the exact
 * values: 16 MiB of doubles, e.g. 1M rows of two numeric columns (columns with at most 1000 distinct values
 * need none: their exact counts serve). A column that would go beyond it lets its values go and its drift uses
 * the sketch (README, Drift). Values are kept only when drift will be computed, and never written to a profile
 * file. Measured on 1M rows × 5 columns with a reference dataset: peak RSS 160 MB against 113 MB without
 * kept values; with 8M values (64 MiB) it was 220 MB.
 */
const KEPT_VALUES_BUDGET = 2 * 1024 * 1024

/** The values still allowed to a profile's columns (shared by them). */
interface ValueBudget {
  remaining: number
}

export interface ColumnProfileState {
  type: 'integer' | 'number' | 'string' | 'boolean' | 'empty'
  count: number
  nulls: number
  /** Non-null values that are numbers, finite or not. */
  numeric: number
  /** Of those, +∞, −∞ and NaN (a `1e400` cell, a Parquet DOUBLE's NaN); mean, m2, min, max and sketch are over the rest. */
  nonFinite: NonFiniteCounts
  mean: number
  m2: number
  /** Null when the column has no finite number. */
  min: number | null
  max: number | null
  sketch: SketchState
  /** Value counts while the column has at most MAX_CATEGORIES distinct values, else null. */
  categories: Record<string, number> | null
  /** When `categories` is null and the column is not numeric: hash class → count (category-classes.ts). */
  categoryClasses?: Record<string, number>
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
  readonly nonFinite: NonFiniteCounts = { positive: 0, negative: 0, nan: 0 }
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
  /** Class counts once `categories` overflowed (null while counting exactly, or when a profile file had none). */
  classes: Float64Array | null = null
  /** The finite numbers themselves, when the profile keeps them (the first `keptCount` entries). */
  private kept: Float64Array | null = null
  private keptCount = 0
  private budget: ValueBudget | undefined
  private declaredType?: ColumnProfileState['type']

  constructor(state?: ColumnProfileState) {
    this.sketch = new QuantileSketch(state?.sketch)
    if (state) {
      this.count = state.count
      this.nulls = state.nulls
      this.numeric = state.numeric
      Object.assign(this.nonFinite, state.nonFinite)
      this.mean = state.mean
      this.m2 = state.m2
      this.min = state.min ?? Infinity
      this.max = state.max ?? -Infinity
      this.categories = state.categories ? new Map(Object.entries(state.categories)) : null
      if (!state.categories && state.categoryClasses) {
        this.classes = new Float64Array(CATEGORY_CLASSES)
        for (const [at, count] of Object.entries(state.categoryClasses)) this.classes[Number(at)] = count
      }
      this.declaredType = state.type
      this.arrays = state.arrays ?? 0
      this.objects = state.objects ?? 0
    }
  }

  /** Keeps every finite number from now on (while `budget` allows), for drift on exact values. */
  keepValues(budget: ValueBudget): void {
    if (this.numeric > 0) return // a column must keep all its numbers or none
    this.budget = budget
    this.kept = new Float64Array(0)
  }

  /** The kept finite numbers (a column of a profile that kept them), e.g. handed over from a worker thread. */
  get keptValues(): Float64Array | undefined {
    return this.kept === null ? undefined : this.kept.subarray(0, this.keptCount)
  }

  set keptValues(values: Float64Array | undefined) {
    this.kept = values ?? null
    this.keptCount = values?.length ?? 0
  }

  private keep(value: number): void {
    const kept = this.kept!
    if (this.keptCount === kept.length) {
      const grown = Math.max(1024, kept.length * 2)
      if (this.budget!.remaining < grown - kept.length) {
        this.budget!.remaining += kept.length
        this.kept = null
        return
      }
      this.budget!.remaining -= grown - kept.length
      const next = new Float64Array(grown)
      next.set(kept)
      this.kept = next
    }
    this.kept![this.keptCount++] = value
  }

  /** A type the user declared (schema or rules): digits in a `string` column stay categories. */
  declare(type: 'integer' | 'number' | 'string' | 'boolean'): void {
    this.declaredType = type
  }

  addNull(): void {
    this.count++
    this.nulls++
  }

  /**
   * A non-null value: `number` is its numeric reading (NaN when it is not a number), `text` its category key;
   * `numericCell` says the cell is a number (a Parquet DOUBLE's NaN is a number that is not finite, not text).
   */
  addValue(text: string, number: number, numericCell = false): void {
    this.addReading(number, number !== number && (text === 'true' || text === 'false'), numericCell)
    if (this.categories !== null) this.addCategory(text)
    else this.addClass(textClass(text))
  }

  /**
   * A non-null value without its category: callers that make strings only when they must add the text
   * with `addCategory` while `categories` is not null, else its class with `addClass`.
   */
  addReading(number: number, booleanWord: boolean, numericCell = false): void {
    this.count++
    if (number - number === 0) {
      this.numeric++
      if (Number.isInteger(number)) this.integers++
      const finite = this.numeric - this.nonFinite.positive - this.nonFinite.negative - this.nonFinite.nan
      const delta = number - this.mean
      this.mean += delta / finite
      this.m2 += delta * (number - this.mean)
      if (number < this.min) this.min = number
      if (number > this.max) this.max = number
      this.sketch.add(number)
      if (this.kept !== null) this.keep(number)
    } else if (number === number || numericCell) {
      this.numeric++
      if (number === Infinity) this.nonFinite.positive++
      else if (number === -Infinity) this.nonFinite.negative++
      else this.nonFinite.nan++
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
    else {
      this.classes = classCounts(categories)
      this.categories = null
      this.classes[textClass(text)]++
    }
  }

  /** A value's hash class (category-classes.ts), once the exact counts have overflowed. */
  addClass(at: number): void {
    if (this.classes !== null) this.classes[at]++
  }

  /** Numbers that are finite: what moments, min/max, sketch and histogram describe. */
  get finite(): number {
    return this.numeric - this.nonFinite.positive - this.nonFinite.negative - this.nonFinite.nan
  }

  merge(other: ColumnProfile): void {
    const mine = this.finite
    const theirs = other.finite
    const n = mine + theirs
    if (n > 0) {
      const delta = other.mean - this.mean
      this.m2 += other.m2 + (delta * delta * mine * theirs) / n
      this.mean += (delta * theirs) / n
    }
    this.count += other.count
    this.nulls += other.nulls
    this.numeric += other.numeric
    this.nonFinite.positive += other.nonFinite.positive
    this.nonFinite.negative += other.nonFinite.negative
    this.nonFinite.nan += other.nonFinite.nan
    this.integers += other.integers
    this.booleans += other.booleans
    this.arrays += other.arrays
    this.objects += other.objects
    this.min = Math.min(this.min, other.min)
    this.max = Math.max(this.max, other.max)
    this.sketch.merge(other.sketch)
    this.keptValues = undefined // kept values serve one run's drift; a merge has none
    if (this.categories && other.categories) {
      for (const [key, value] of other.categories)
        this.categories.set(key, (this.categories.get(key) ?? 0) + value)
      if (this.categories.size > MAX_CATEGORIES) {
        this.classes = classCounts(this.categories)
        this.categories = null
      }
    } else {
      // Classes of both sides, when both have value counts of some kind; else no counts at all.
      const mine = this.categories ? classCounts(this.categories) : this.classes
      const theirs = other.categories ? classCounts(other.categories) : other.classes
      if (mine && theirs) for (let at = 0; at < CATEGORY_CLASSES; at++) mine[at] += theirs[at]
      this.classes = mine && theirs ? mine : null
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
      // Non-finite numbers say nothing about integer or not: the finite ones decide.
      return this.finite > 0 && this.integers === this.finite ? 'integer' : 'number'
    }
    if (this.declaredType === 'boolean' || this.booleans === present) return 'boolean'
    return 'string'
  }

  get std(): number {
    const finite = this.finite
    return finite > 0 ? Math.sqrt(this.m2 / finite) : 0
  }

  /**
   * What drift methods compare: the finite numbers when the column is numeric (exactly while it has at most
   * MAX_CATEGORIES distinct values or fewer values than the sketch holds, else the sketch's buckets), else
   * the value counts (exact, or hash classes). Undefined, with the reason, when there is nothing to compare.
   */
  distribution(): Distribution | { reason: string } {
    const type = this.type
    if (type === 'empty') return { reason: 'no values' }
    if (type === 'integer' || type === 'number') {
      if (this.finite === 0) return { reason: 'no finite numbers' }
      let distinct: Map<number, number> | undefined
      if (this.categories) {
        // Keyed by the number, not the text: "1" and "1.0" are one value.
        distinct = new Map()
        for (const [text, count] of this.categories) {
          const value = Number(text)
          if (value - value === 0) distinct.set(value, (distinct.get(value) ?? 0) + count)
        }
      }
      let points: Pick<NumericDistribution, 'values' | 'weights'>
      let exact = true
      const kept = this.keptValues
      if (distinct) {
        const values = [...distinct.keys()].sort((a, b) => a - b)
        points = { values, weights: values.map(v => distinct.get(v)!) }
      } else if (kept !== undefined && kept.length === this.finite) {
        points = countSorted(kept.sort())
      } else {
        points = this.sketch.weightedPoints()
        exact = this.sketch.isExact
      }
      return {
        kind: 'numeric',
        ...points,
        exact,
        count: this.finite,
        min: this.min,
        max: this.max,
        std: this.std,
        distinct
      }
    }
    const count = this.count - this.nulls
    if (this.categories) return { kind: 'categorical', counts: this.categories, count }
    if (this.classes) return { kind: 'categorical', classes: this.classes, count }
    return { reason: 'no value counts in the profile' }
  }

  toJSON(): ColumnProfileState {
    const type = this.type
    const numeric = type === 'integer' || type === 'number'
    const finite = this.finite > 0
    const classes: Record<string, number> = {}
    if (!numeric && !this.categories && this.classes)
      this.classes.forEach((count, at) => count > 0 && (classes[at] = count))
    return {
      type,
      count: this.count,
      nulls: this.nulls,
      numeric: this.numeric,
      nonFinite: { ...this.nonFinite },
      mean: this.mean,
      m2: this.m2,
      min: finite ? this.min : null,
      max: finite ? this.max : null,
      sketch: numeric ? this.sketch.toJSON() : { exact: [] },
      categories: this.categories
        ? Object.fromEntries([...this.categories].sort((a, b) => b[1] - a[1]))
        : null,
      ...(!numeric && !this.categories && this.classes ? { categoryClasses: classes } : {}),
      histogram: numeric && finite ? this.histogram() : undefined,
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

/** Sorted values as distinct points with their counts, in typed arrays (a column may keep millions). */
function countSorted(sorted: Float64Array): { values: Float64Array; weights: Float64Array | undefined } {
  let distinct = 0
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++
  // All distinct (a continuous column): the sorted values themselves, no copy and no weights.
  if (distinct === sorted.length) return { values: sorted, weights: undefined }
  const values = new Float64Array(distinct)
  const weights = new Float64Array(distinct)
  let at = -1
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) values[++at] = sorted[i]
    weights[at]++
  }
  return { values, weights }
}

export class Profile {
  rows = 0
  readonly columns = new Map<string, ColumnProfile>()
  private budget: ValueBudget | undefined

  /** Columns keep their finite numbers (up to KEPT_VALUES_BUDGET in all) for drift on exact values. */
  keepValues(budget = KEPT_VALUES_BUDGET): void {
    this.budget = { remaining: budget }
    for (const column of this.columns.values()) column.keepValues(this.budget)
  }

  /** The kept values of the columns that kept them all. */
  keptValues(): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = {}
    for (const [name, column] of this.columns) {
      const values = column.keptValues
      // A column with exact value counts (at most 1000 distinct) compares on them: its values are not needed.
      if (values !== undefined && values.length === column.finite && values.length > 0 && !column.categories)
        out[name] = values
    }
    return out
  }

  /** Gives columns the values kept by the profile this one was read from (a worker thread's). */
  attachKeptValues(values: Readonly<Record<string, Float64Array>> | undefined): void {
    for (const [name, column] of this.columns)
      if (values && Object.hasOwn(values, name)) column.keptValues = values[name]
  }

  column(name: string): ColumnProfile {
    let column = this.columns.get(name)
    if (!column) {
      column = new ColumnProfile()
      if (this.budget) column.keepValues(this.budget)
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

/**
 * What makes a profile file unusable as a drift reference, or undefined: a statistic that is not a finite
 * number where the profile has finite values to describe (JSON has no Infinity or NaN: a hand-edited or
 * corrupted profile has null there), a count that is not a count. Such a profile is refused, never compared.
 */
export function profileStateProblem(state: ProfileState): string | undefined {
  const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0
  const isFinite = (v: unknown) => typeof v === 'number' && Number.isFinite(v)
  if (!isCount(state.rows)) return 'rows is not a count'
  if (typeof state.columns !== 'object' || state.columns === null) return 'it has no columns object'
  for (const [name, column] of Object.entries(state.columns)) {
    const where = `column '${name}'`
    if (typeof column !== 'object' || column === null) return `${where} is not an object`
    for (const key of ['count', 'nulls', 'numeric'] as const)
      if (!isCount(column[key])) return `${where}: ${key} is ${JSON.stringify(column[key])}, not a count`
    const nonFinite = column.nonFinite as Partial<NonFiniteCounts> | undefined
    if (!nonFinite || !isCount(nonFinite.positive) || !isCount(nonFinite.negative) || !isCount(nonFinite.nan))
      return `${where}: nonFinite must hold the counts positive, negative and nan`
    const finite = column.numeric - nonFinite.positive! - nonFinite.negative! - nonFinite.nan!
    if (finite < 0) return `${where}: more non-finite numbers than numbers`
    for (const key of ['mean', 'm2'] as const)
      if (!isFinite(column[key]))
        return `${where}: ${key} is ${JSON.stringify(column[key])}, not a finite number`
    if (finite > 0) {
      for (const key of ['min', 'max'] as const)
        if (!isFinite(column[key]))
          return `${where}: ${key} is ${JSON.stringify(column[key])}, not a finite number (the column has ${finite} finite numbers)`
    }
    const sketch = column.sketch as SketchState | undefined
    if (typeof sketch !== 'object' || sketch === null) return `${where}: sketch is missing`
    if (sketch.exact !== undefined && !(Array.isArray(sketch.exact) && sketch.exact.every(isFinite)))
      return `${where}: sketch.exact holds something other than finite numbers`
  }
  return undefined
}
