import type { CellSpans } from '../data/cell-spans.js'
import type { CellValue, RowBatch, SpanBatch } from '../data/table.js'
import { cellText } from './cell-text.js'
import type { DataRuleResult } from './data-rule-result.js'
import type { RuleTally } from './rule-tally.js'
import type { Rules } from './rules.js'
import { UniqueKeys } from './unique-keys.js'

/** 2M keys: 48 MB of slots. */
const MAX_RESERVED_KEYS = 1 << 21

/** No null tokens: the values of JSONL and Parquet are null only when null or absent. */
const NO_TOKENS: ReadonlySet<string> = new Set()

/**
 * The rules file's unique keys (`unique: [[id], [user, day]]`), checked batch by batch against every key
 * seen so far in the run. As Table Schema's uniqueKeys, with SQL semantics: a key with a null part is not
 * compared. Null is what it is for every other rule: a null token of its column in a text table (`missingOf`,
 * the column's own or the file's), a null or absent value in JSONL and Parquet, whose `""` is a value.
 */
export class UniquenessCheck {
  private readonly seenByRule = new Map<string, UniqueKeys>()

  constructor(
    private readonly rules: Pick<Rules, 'unique'>,
    private readonly tally: RuleTally,
    private readonly missingOf: (column: string) => ReadonlySet<string>
  ) {}

  /**
   * Sizes the key sets for `keys` keys in all (the keys seen so far stay). An estimate can be wrong, so at
   * most MAX_RESERVED_KEYS are reserved; beyond that the sets grow as keys arrive.
   */
  reserve(keys: number): void {
    keys = Math.min(keys, MAX_RESERVED_KEYS)
    for (const key of this.rules.unique) this.counter(key.columns).seen.reserve(keys)
  }

  /** `values` makes the batch's cells as strings, for a key that cannot be read from byte spans. */
  check(
    batch: RowBatch | SpanBatch,
    values: () => CellValue[][],
    file: string,
    location: 'line' | 'row',
    textual: boolean
  ): void {
    const { columns, lines, length } = batch
    for (const { columns: key } of this.rules.unique) {
      const indexes = key.map(k => columns.indexOf(k))
      // An absent column is null in every row: its tokens are never asked for.
      const tokens = key.map((k, j) => (textual && indexes[j] >= 0 ? this.missingOf(k) : NO_TOKENS))
      if ('cells' in batch && indexes.length === 1 && indexes[0] >= 0) {
        this.checkSpans(
          key,
          tokens[0],
          batch.cells,
          batch.starts[indexes[0]],
          batch.ends[indexes[0]],
          lines,
          length,
          file,
          location
        )
      } else {
        this.checkValues(key, tokens, indexes, values(), lines, length, file, location)
      }
    }
  }

  private counter(key: string[]): { result: DataRuleResult; seen: UniqueKeys } {
    const id = `unique(${key.join(', ')})`
    const result = this.tally.counter(id, {
      rule: 'unique',
      description: `(${key.join(', ')}) is unique`,
      severity: 'error',
      mostly: 1
    })
    let seen = this.seenByRule.get(id)
    if (!seen) this.seenByRule.set(id, (seen = new UniqueKeys()))
    return { result, seen }
  }

  private checkValues(
    key: string[],
    tokens: ReadonlySet<string>[],
    indexes: number[],
    values: CellValue[][],
    lines: Int32Array,
    length: number,
    file: string,
    location: 'line' | 'row'
  ): void {
    const { result, seen } = this.counter(key)
    const single = indexes.length === 1 && indexes[0] >= 0 ? values[indexes[0]] : undefined
    const isNull = (cell: CellValue, text: string, j: number) => cell == null || tokens[j].has(text)
    for (let r = 0; r < length; r++) {
      let joined: string
      if (single) {
        joined = cellText(single[r])
        if (isNull(single[r], joined, 0)) continue
      } else {
        const cells = indexes.map(i => (i < 0 ? undefined : values[i][r]))
        const parts = cells.map(cellText)
        if (parts.some((part, j) => isNull(cells[j], part, j))) continue
        joined = JSON.stringify(parts)
      }
      result.considered++
      const first = seen.addOrFind(joined, lines[r])
      if (first !== -1) {
        const shown = single ? joined : (JSON.parse(joined) as string[]).join(', ')
        this.tally.violate(result, file, lines[r], location, shown, `same key as ${location} ${first}`)
      }
    }
  }

  /** checkValues for a one-column key of byte spans: ASCII keys are hashed from their bytes. */
  private checkSpans(
    key: string[],
    missing: ReadonlySet<string>,
    cells: CellSpans,
    starts: Int32Array,
    ends: Int32Array,
    lines: Int32Array,
    length: number,
    file: string,
    location: 'line' | 'row'
  ): void {
    const { result, seen } = this.counter(key)
    const onlyEmptyIsNull = missing.size === 1 && missing.has('')
    const bytes = cells.bytes
    for (let r = 0; r < length; r++) {
      const start = starts[r]
      const end = ends[r]
      if (onlyEmptyIsNull ? start === end : missing.has(cells.text(start, end))) continue
      result.considered++
      const first =
        cells.ascii && end >= 0
          ? seen.addOrFindAscii(bytes, start, end, lines[r])
          : seen.addOrFind(cells.text(start, end), lines[r])
      if (first !== -1)
        this.tally.violate(
          result,
          file,
          lines[r],
          location,
          cells.text(start, end),
          `same key as ${location} ${first}`
        )
    }
  }
}
