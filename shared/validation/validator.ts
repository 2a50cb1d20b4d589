import type { CellSpans } from '../data/cell-spans.js'
import { numericReading } from '../data/cell-spans.js'
import type { CellValue, RowBatch, SpanBatch, Table } from '../data/table.js'
import { Profile } from '../stats/profile.js'
import type { ColumnRules, Rules, Severity } from './rules.js'
import { UniqueKeys } from './unique-keys.js'
import { MAX_TESTED_LENGTH } from './safe-pattern.js'
import type { CellSchema, RowSchema, SchemaError } from './row-schema.js'

/**
 * Runs the rules (and a JSON Schema, when given) over tables, batch by batch, counting every violation
 * exactly while keeping only the first `maxErrors` examples overall, and profiling every column on the way.
 */
export interface Sample {
  file: string
  /** Physical line (csv, tsv, jsonl) or row number (parquet), per `location`. */
  line: number
  location: 'line' | 'row'
  value: string
  message?: string
}

interface CompiledCheck {
  result: RuleResult
  /** undefined when the cell passes, else a note for the example ('' for none). */
  test: (text: string, n: number, cell: CellValue) => string | undefined
  needsText: boolean
}

export interface RuleResult {
  id: string
  column?: string
  rule: string
  description: string
  severity: Severity
  /** Rows the rule looked at (non-null rows for column rules, as Great Expectations' `mostly`). */
  considered: number
  violations: number
  mostly: number
  failed: boolean
  samples: Sample[]
}

/**
 * Examples are kept for the whole run: copy them out of the chunk they were sliced from (V8 would
 * otherwise keep the whole chunk alive for each kept example).
 */
const clip = (text: string) => detach(text.length > 80 ? `${text.slice(0, 77)}...` : text)
export const detach = (text: string) => Buffer.from(text, 'utf8').toString('utf8')

function cellText(value: CellValue): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

export class Validator {
  readonly profile = new Profile()
  private readonly results = new Map<string, RuleResult>()
  private samplesLeft: number
  private readonly uniqueSeen = new Map<string, UniqueKeys>()
  private rowCount = 0
  /** The JSON Schema cell by cell (csv, tsv), unless a column has its own missing values (rows then). */
  private readonly cellSchema: CellSchema | undefined
  private readonly plans = new Map<string, ReturnType<Validator['planColumn']>>()

  constructor(
    private readonly rules: Rules,
    private readonly schema: RowSchema | undefined,
    maxErrors: number
  ) {
    this.samplesLeft = maxErrors
    this.cellSchema = rules.columns.some(rule => rule.missingValues) ? undefined : schema?.perColumn
  }

  private counter(
    id: string,
    init: Omit<RuleResult, 'id' | 'considered' | 'violations' | 'failed' | 'samples'>
  ): RuleResult {
    let result = this.results.get(id)
    if (!result) {
      result = { id, ...init, considered: 0, violations: 0, failed: false, samples: [] }
      this.results.set(id, result)
    }
    return result
  }

  private violate(
    result: RuleResult,
    file: string,
    line: number,
    location: 'line' | 'row',
    value: string,
    message?: string
  ) {
    result.violations++
    // Every rule keeps its first example even when the global budget is spent: each annotation needs a line.
    if (this.samplesLeft > 0 || result.samples.length === 0) {
      if (this.samplesLeft > 0) this.samplesLeft--
      result.samples.push({ file, line, location, value: clip(value), ...(message ? { message } : {}) })
    }
  }

  /** Checks and profiles every row of the table; `onBatch` is told the rows read so far after each batch. */
  async validate(table: Table, onBatch?: (rows: number) => void): Promise<void> {
    if (table.rowCount !== undefined) this.reserveKeys(table.rowCount)
    if (table.spanBatches) {
      let first = true
      for await (const batch of table.spanBatches()) {
        if (first && table.byteLength !== undefined) this.reserveKeys(estimateRows(batch, table.byteLength))
        first = false
        // Strings for every cell are made only when a JSON Schema or a composite key needs them.
        let values: CellValue[][] | undefined
        this.checkBatch(
          table,
          batch,
          c => this.checkSpanColumn(batch, c, table),
          () => {
            values ??= batch.cells.toRowBatch(batch).values
            return values
          }
        )
        onBatch?.(this.rowCount)
      }
    } else {
      for await (const batch of table.batches()) {
        this.checkBatch(
          table,
          batch,
          c => this.checkColumn(batch.values[c], batch.lines, batch.length, table, batch.columns[c]),
          () => batch.values
        )
        onBatch?.(this.rowCount)
      }
    }
    // After reading: a JSONL file only knows all its keys at the end.
    for (const rule of this.rules.columns) {
      if (rule.required && !table.columns.includes(rule.column)) {
        const result = this.counter(`${rule.column}.required`, {
          column: rule.column,
          rule: 'required',
          description: `column '${rule.column}' is present`,
          severity: rule.severity,
          mostly: 1
        })
        result.considered++
        this.violate(
          result,
          table.file,
          1,
          table.location,
          table.columns.join(','),
          `no column '${rule.column}' in ${table.columns.join(', ')}`
        )
      }
    }
  }

  private checkBatch(
    table: Table,
    batch: RowBatch | SpanBatch,
    checkColumn: (c: number) => void,
    values: () => CellValue[][]
  ): void {
    const { file, location } = table
    const { columns, lines, length } = batch
    // Profile every column, and check the rules that name it.
    for (let c = 0; c < columns.length; c++) checkColumn(c)
    for (const [name, profile] of this.profile.columns) {
      if (!columns.includes(name)) for (let r = 0; r < length; r++) profile.addNull()
    }
    for (const key of this.rules.unique) {
      const indexes = key.map(k => columns.indexOf(k))
      if ('cells' in batch && indexes.length === 1 && indexes[0] >= 0) {
        this.checkUniqueSpans(
          key,
          batch.cells,
          batch.starts[indexes[0]],
          batch.ends[indexes[0]],
          lines,
          length,
          file,
          location
        )
      } else {
        this.checkUnique(key, indexes, values(), lines, length, file, location)
      }
    }
    if (this.cellSchema && 'cells' in batch) this.checkRequiredColumns(columns, lines, length, table)
    else if (this.schema) this.checkSchema(columns, values(), lines, length, file, location, table.textual)
    this.rowCount += length
    this.profile.rows += length
  }

  /** The rules and profile of one column: what they need to know about it, compiled once. */
  private columnPlan(name: string) {
    let plan = this.plans.get(name)
    if (!plan) this.plans.set(name, (plan = this.planColumn(name)))
    return plan
  }

  private planColumn(name: string) {
    const rules = this.rules.columns.filter(r => r.column === name)
    const profile = this.profile.column(name)
    const declared = rules.find(r => r.type)?.type
    if (declared) profile.declare(declared)
    const missing = new Set(rules.find(r => r.missingValues)?.missingValues ?? this.rules.missingValues)
    const checks = rules.flatMap(rule => this.compile(rule))
    const nullCounters = rules
      .filter(rule => rule.notNull)
      .map(rule =>
        this.counter(`${rule.fromSchema ? 'schema ' : ''}${rule.column}.not_null`, {
          column: rule.column,
          rule: 'not_null',
          description: `'${rule.column}' is not null`,
          severity: rule.severity,
          mostly: 1
        })
      )
    return {
      profile,
      missing,
      // The common case, Table Schema's default, is a single null token: the empty string.
      onlyEmptyIsNull: missing.size === 1 && missing.has(''),
      checks,
      needsText: checks.some(check => check.needsText),
      nullCounters,
      schemaCell: this.cellSchema?.column(name),
      schemaNumeric: this.cellSchema?.numeric(name),
      schemaRange: this.cellSchema?.range(name)
    }
  }

  private checkColumn(
    cells: CellValue[],
    lines: Int32Array,
    length: number,
    table: Table,
    name: string
  ): void {
    const { file, location, textual } = table
    const { profile, missing, onlyEmptyIsNull, checks, nullCounters } = this.columnPlan(name)
    let nulls = 0
    for (let r = 0; r < length; r++) {
      const cell = cells[r]
      const text = typeof cell === 'string' ? cell : cellText(cell)
      if (onlyEmptyIsNull ? text.length === 0 || cell == null : cell == null || missing.has(text)) {
        nulls++
        profile.addNull()
        for (const counter of nullCounters) this.violate(counter, file, lines[r], location, text)
        continue
      }
      const number = typeof cell === 'number' ? cell : textual ? numericReading(text) : NaN
      profile.addValue(text, number)
      for (let k = 0; k < checks.length; k++) {
        const problem = checks[k].test(text, number, cell)
        if (problem !== undefined)
          this.violate(checks[k].result, file, lines[r], location, text, problem || undefined)
      }
    }
    // Every check of a column looks at its non-null cells (Great Expectations' denominator for mostly).
    for (const counter of nullCounters) counter.considered += length
    for (const check of checks) check.result.considered += length - nulls
  }

  /** checkColumn for byte spans: a cell becomes a string only for a category, a text rule or an example. */
  private checkSpanColumn(batch: SpanBatch, c: number, table: Table): void {
    const { file, location } = table
    const { cells, lines, length } = batch
    const starts = batch.starts[c]
    const ends = batch.ends[c]
    const {
      profile,
      missing,
      onlyEmptyIsNull,
      checks,
      needsText,
      nullCounters,
      schemaCell,
      schemaNumeric,
      schemaRange
    } = this.columnPlan(batch.columns[c])
    let nulls = 0
    for (let r = 0; r < length; r++) {
      const start = starts[r]
      const end = ends[r]
      let text: string | undefined
      if (onlyEmptyIsNull ? start === end : missing.has((text = cells.text(start, end)))) {
        nulls++
        profile.addNull()
        for (const counter of nullCounters) this.violate(counter, file, lines[r], location, text ?? '')
        const errors = schemaCell?.(null)
        if (errors) this.violateSchema(errors, file, lines[r], location)
        continue
      }
      const number = cells.number(start, end)
      profile.addReading(number, number !== number && cells.isBooleanWord(start, end))
      if (profile.categories !== null) profile.addCategory((text ??= cells.text(start, end)))
      if (needsText) text ??= cells.text(start, end)
      for (let k = 0; k < checks.length; k++) {
        const problem = checks[k].test(text!, number, text)
        if (problem !== undefined) {
          text ??= cells.text(start, end)
          this.violate(checks[k].result, file, lines[r], location, text, problem || undefined)
        }
      }
      // A number inside a limits-only schema's range passes it (NumericRange): decided here, because
      // handing a double to a call that is not inlined boxes it, a heap object per cell.
      if (
        schemaCell === undefined ||
        (schemaRange !== undefined &&
          start !== end &&
          number >= schemaRange.minimum &&
          number <= schemaRange.maximum &&
          number > schemaRange.exclusiveMinimum &&
          number < schemaRange.exclusiveMaximum &&
          !(number % 1 && schemaRange.integer))
      )
        continue
      this.checkSchemaCell(
        schemaCell,
        schemaNumeric,
        number,
        text,
        cells,
        start,
        end,
        lines[r],
        file,
        location
      )
    }
    for (const counter of nullCounters) counter.considered += length
    for (const check of checks) check.result.considered += length - nulls
  }

  /**
   * One cell of a span batch against its column's schema (see CellSchema). A method of its own, called
   * per cell, so that the column loop stays as small as it is without a schema.
   */
  /** One cell of a span batch against its column's schema (see CellSchema), when not decided inline. */
  private checkSchemaCell(
    schemaCell: (value: unknown) => SchemaError[] | undefined,
    schemaNumeric: 'number' | 'integer' | undefined,
    number: number,
    /** The cell's text when the column loop has already made it (its hash is then cached too). */
    text: string | undefined,
    cells: CellSpans,
    start: number,
    end: number,
    line: number,
    file: string,
    location: 'line' | 'row'
  ): void {
    // As ajv coerces: a number is handed over only where the text would have become that number.
    const handOver =
      start !== end &&
      (schemaNumeric === 'number'
        ? number === number
        : schemaNumeric === 'integer' && !(number % 1) && number === number)
    const errors = schemaCell(handOver ? number : (text ?? cells.text(start, end)))
    if (errors) this.violateSchema(errors, file, line, location)
  }

  private compile(rule: ColumnRules): CompiledCheck[] {
    // `needsText`: the test reads the cell's text (the others only its numeric reading).
    const make = (name: string, description: string, test: CompiledCheck['test'], needsText = true) => ({
      result: this.counter(`${rule.fromSchema ? 'schema ' : ''}${rule.column}.${name}`, {
        column: rule.column,
        rule: name,
        description,
        severity: rule.severity,
        mostly: rule.mostly
      }),
      test,
      needsText
    })
    const checks = []
    const col = rule.column
    if (rule.type === 'integer')
      checks.push(
        make('type', `'${col}' is an integer`, (_t, n) => (Number.isInteger(n) ? undefined : ''), false)
      )
    if (rule.type === 'number')
      checks.push(
        make('type', `'${col}' is a number`, (_t, n) => (Number.isFinite(n) ? undefined : ''), false)
      )
    if (rule.type === 'boolean')
      checks.push(
        make('type', `'${col}' is true or false`, (t, _n, c) =>
          typeof c === 'boolean' || t === 'true' || t === 'false' ? undefined : ''
        )
      )
    if (rule.min !== undefined) {
      const min = rule.min
      checks.push(
        make(
          'min',
          `'${col}' ≥ ${min}`,
          (_t, n) => (n >= min ? undefined : n !== n ? 'not a number' : ''),
          false
        )
      )
    }
    if (rule.max !== undefined) {
      const max = rule.max
      checks.push(
        make(
          'max',
          `'${col}' ≤ ${max}`,
          (_t, n) => (n <= max ? undefined : n !== n ? 'not a number' : ''),
          false
        )
      )
    }
    if (rule.in) {
      const allowed = rule.in
      const shown = [...allowed].slice(0, 8).join(', ')
      checks.push(
        make('in', `'${col}' in {${shown}${allowed.size > 8 ? ', …' : ''}}`, t =>
          allowed.has(t) ? undefined : ''
        )
      )
    }
    if (rule.pattern) {
      const pattern = rule.pattern
      checks.push(
        make('pattern', `'${col}' matches ^${rule.patternText}$`, t =>
          t.length > MAX_TESTED_LENGTH
            ? `longer than ${MAX_TESTED_LENGTH} characters`
            : pattern.test(t)
              ? undefined
              : ''
        )
      )
    }
    if (rule.minLength !== undefined) {
      const min = rule.minLength
      checks.push(
        make('min_length', `'${col}' has at least ${min} characters`, t => (t.length >= min ? undefined : ''))
      )
    }
    if (rule.maxLength !== undefined) {
      const max = rule.maxLength
      checks.push(
        make('max_length', `'${col}' has at most ${max} characters`, t => (t.length <= max ? undefined : ''))
      )
    }
    if (rule.unique) {
      const seen = new UniqueKeys()
      checks.push(
        make('unique', `'${col}' is unique`, t => (seen.addOrFind(t, 0) === -1 ? undefined : 'duplicate'))
      )
    }
    return checks
  }

  /**
   * Sizes the uniqueness sets for the rows about to come (the keys seen so far stay). An estimate can be
   * wrong, so at most MAX_RESERVED_KEYS are reserved; beyond that the sets grow as keys arrive.
   */
  private reserveKeys(rows: number): void {
    const keys = Math.min(this.rowCount + rows, MAX_RESERVED_KEYS)
    for (const key of this.rules.unique) this.uniqueCounter(key).seen.reserve(keys)
  }

  private uniqueCounter(key: string[]): { result: RuleResult; seen: UniqueKeys } {
    const id = `unique(${key.join(', ')})`
    const result = this.counter(id, {
      rule: 'unique',
      description: `(${key.join(', ')}) is unique`,
      severity: 'error',
      mostly: 1
    })
    let seen = this.uniqueSeen.get(id)
    if (!seen) this.uniqueSeen.set(id, (seen = new UniqueKeys()))
    return { result, seen }
  }

  private checkUnique(
    key: string[],
    indexes: number[],
    values: CellValue[][],
    lines: Int32Array,
    length: number,
    file: string,
    location: 'line' | 'row'
  ): void {
    const { result, seen } = this.uniqueCounter(key)
    const missing = this.rules.missingValues
    const single = indexes.length === 1 ? values[indexes[0]] : undefined
    for (let r = 0; r < length; r++) {
      let joined: string
      if (single) {
        joined = cellText(single[r])
        // SQL semantics, as Table Schema's uniqueKeys: a key with a null part is not compared.
        if (single[r] == null || missing.includes(joined)) continue
      } else {
        const parts = indexes.map(i => (i < 0 ? '' : cellText(values[i][r])))
        if (parts.some(p => missing.includes(p))) continue
        joined = JSON.stringify(parts)
      }
      result.considered++
      const first = seen.addOrFind(joined, lines[r])
      if (first !== -1) {
        const shown = single ? joined : (JSON.parse(joined) as string[]).join(', ')
        this.violate(result, file, lines[r], location, shown, `same key as ${location} ${first}`)
      }
    }
  }

  /** checkUnique for a one-column key of byte spans: ASCII keys are hashed from their bytes. */
  private checkUniqueSpans(
    key: string[],
    cells: CellSpans,
    starts: Int32Array,
    ends: Int32Array,
    lines: Int32Array,
    length: number,
    file: string,
    location: 'line' | 'row'
  ): void {
    const { result, seen } = this.uniqueCounter(key)
    const missing = this.rules.missingValues
    const onlyEmptyIsNull = missing.length === 1 && missing[0] === ''
    const bytes = cells.bytes
    for (let r = 0; r < length; r++) {
      const start = starts[r]
      const end = ends[r]
      if (onlyEmptyIsNull ? start === end : missing.includes(cells.text(start, end))) continue
      result.considered++
      const first =
        cells.ascii && end >= 0
          ? seen.addOrFindAscii(bytes, start, end, lines[r])
          : seen.addOrFind(cells.text(start, end), lines[r])
      if (first !== -1)
        this.violate(
          result,
          file,
          lines[r],
          location,
          cells.text(start, end),
          `same key as ${location} ${first}`
        )
    }
  }

  private checkSchema(
    columns: readonly string[],
    values: CellValue[][],
    lines: Int32Array,
    length: number,
    file: string,
    location: 'line' | 'row',
    textual: boolean
  ): void {
    const schema = this.schema!
    const missing = this.rules.missingValues
    for (let r = 0; r < length; r++) {
      const row: Record<string, unknown> = {}
      for (let c = 0; c < columns.length; c++) {
        const cell = values[c][r]
        if (cell === undefined) continue
        row[columns[c]] = textual && missing.includes(cell as string) ? null : cell
      }
      const errors = schema.validate(row)
      if (errors !== undefined) this.violateSchema(errors, file, lines[r], location)
    }
  }

  private violateSchema(errors: SchemaError[], file: string, line: number, location: 'line' | 'row'): void {
    for (const error of errors) {
      const result = this.counter(`schema ${error.path} ${error.keyword}`, {
        column: error.column,
        rule: `schema: ${error.keyword}`,
        description: `${error.path || 'row'} ${error.message}`,
        severity: 'error',
        mostly: 1
      })
      this.violate(result, file, line, location, error.value)
    }
  }

  /** A required property that is not a column of the table: every row lacks it, as the row check says. */
  private checkRequiredColumns(
    columns: readonly string[],
    lines: Int32Array,
    length: number,
    table: Table
  ): void {
    for (const name of this.cellSchema!.required) {
      if (columns.includes(name)) continue
      const error = {
        path: `/${name}`,
        column: name,
        keyword: 'required',
        message: `must have required property '${name}'`,
        value: ''
      }
      for (let r = 0; r < length; r++) this.violateSchema([error], table.file, lines[r], table.location)
    }
  }

  /** Final results: row-count and null-fraction rules, then `mostly` applied to every rule. */
  finish(): RuleResult[] {
    const rowsRule = checkRowCount(this.rules.rows, this.rowCount)
    if (rowsRule) this.results.set(rowsRule.id, rowsRule)
    for (const result of checkNullFractions(this.rules, this.profile)) this.results.set(result.id, result)
    return finishResults([...this.results.values()])
  }
}

/** The dataset-level null-fraction rules, from a profile (also the merged profile of shards). */
export function checkNullFractions(rules: Pick<Rules, 'columns'>, profile: Profile): RuleResult[] {
  return rules.columns.flatMap(rule => {
    if (rule.nullFractionMax === undefined) return []
    const column = profile.columns.get(rule.column)
    const fraction = column && column.count > 0 ? column.nulls / column.count : 0
    const violated = fraction > rule.nullFractionMax
    return [
      {
        id: `${rule.column}.null_fraction_max`,
        column: rule.column,
        rule: 'null_fraction_max',
        description: `nulls in '${rule.column}' ≤ ${rule.nullFractionMax * 100}%`,
        severity: rule.severity,
        mostly: 1,
        considered: 1,
        violations: violated ? 1 : 0,
        failed: false,
        samples: violated
          ? [{ file: '', line: 0, location: 'row', value: `${(fraction * 100).toFixed(2)}% null` }]
          : []
      }
    ]
  })
}

/** 2M keys: 48 MB of slots. */
const MAX_RESERVED_KEYS = 1 << 21

/** Rows in a delimited file of `byteLength` bytes, from the bytes per row of its first batch. */
function estimateRows(batch: SpanBatch, byteLength: number): number {
  const last = batch.length - 1
  const first = batch.starts[0][0]
  const end = batch.ends.reduce((max, ends) => Math.max(max, ends[last] < 0 ? ~ends[last] : ends[last]), 0)
  const perRow = (end - first) / batch.length
  return perRow > 0 ? Math.ceil(byteLength / perRow) : 0
}

/** The dataset-level row-count rule, also rechecked on merged shards. */
export function checkRowCount(rows: Rules['rows'], count: number): RuleResult | undefined {
  if (rows.min === undefined && rows.max === undefined) return undefined
  const outside = (rows.min !== undefined && count < rows.min) || (rows.max !== undefined && count > rows.max)
  return {
    id: 'rows',
    rule: 'rows',
    description: `row count in [${rows.min ?? 0}, ${rows.max ?? '∞'}]`,
    severity: 'error',
    mostly: 1,
    considered: 1,
    violations: outside ? 1 : 0,
    failed: false,
    samples: outside ? [{ file: '', line: 0, location: 'row', value: String(count) }] : []
  }
}

/** Applies `mostly` (Great Expectations: success when (considered − violations) / considered ≥ mostly). */
export function finishResults(results: RuleResult[]): RuleResult[] {
  for (const result of results) {
    result.failed =
      result.violations > 0 &&
      (result.considered === 0 || (result.considered - result.violations) / result.considered < result.mostly)
  }
  return results
}
