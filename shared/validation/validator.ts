import type { CellSpans } from '../data/cell-spans.js'
import { numericReading } from '../data/cell-spans.js'
import type { CellValue, RowBatch, SpanBatch, Table } from '../data/table.js'
import { asciiClass, numberClass, textClass } from '../stats/category-classes.js'
import { Profile } from '../stats/profile.js'
import { cellText } from './cell-text.js'
import { planColumn, type ColumnPlan } from './column-plan.js'
import { checkRequiredColumns, checkSchemaRequired } from './column-presence.js'
import { finishResults, type DataRuleResult } from './data-rule-result.js'
import { checkNullFractions, checkRowCount } from './dataset-checks.js'
import type { CellSchema, RowSchema, SchemaError } from './row-schema.js'
import { RuleTally } from './rule-tally.js'
import type { Rules } from './rules.js'
import { checkSchemaRows } from './schema-check.js'
import { UniquenessCheck } from './uniqueness-check.js'

/**
 * Runs the rules (and a JSON Schema, when given) over tables, batch by batch, counting every violation
 * exactly while keeping only the first `maxErrors` examples overall, and profiling every column on the way.
 * The loops over a column's cells stay here, with the one method they call per cell: what they need to know
 * about a column is compiled once (column-plan.ts), and the rules checked per batch or per run live beside
 * this class (uniqueness-check.ts, schema-check.ts, column-presence.ts, dataset-checks.ts).
 */
export class Validator {
  readonly profile = new Profile()
  private readonly tally: RuleTally
  private readonly uniqueness: UniquenessCheck
  private rowCount = 0
  /** The JSON Schema cell by cell (csv, tsv), when it can be (see CellSchema). */
  private readonly cellSchema: CellSchema | undefined
  private readonly plans = new Map<string, ColumnPlan>()

  constructor(
    private readonly rules: Rules,
    private readonly schema: RowSchema | undefined,
    maxErrors: number
  ) {
    this.tally = new RuleTally(maxErrors)
    this.uniqueness = new UniquenessCheck(rules, this.tally, column => this.columnPlan(column).missing)
    this.cellSchema = schema?.perColumn
  }

  /** Checks and profiles every row of the table; `onBatch` is told the rows read so far after each batch. */
  async validate(table: Table, onBatch?: (rows: number) => void): Promise<void> {
    if (table.rowCount !== undefined) this.uniqueness.reserve(this.rowCount + table.rowCount)
    if (table.spanBatches) {
      let first = true
      for await (const batch of table.spanBatches()) {
        if (first && table.byteLength !== undefined)
          this.uniqueness.reserve(this.rowCount + estimateRows(batch, table.byteLength))
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
    // Columns known from the header or schema are profiled even when no row has them (a 0-row Parquet file).
    for (const name of table.columns) this.columnPlan(name)
    checkRequiredColumns(this.rules.columns, table, this.tally)
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
    this.uniqueness.check(batch, values, file, location, table.textual)
    if (this.cellSchema && 'cells' in batch)
      checkSchemaRequired(this.cellSchema.required, columns, lines, length, table, this.tally)
    else if (this.schema)
      checkSchemaRows(
        this.schema,
        column => this.columnPlan(column).missing,
        columns,
        values(),
        lines,
        length,
        file,
        location,
        table.textual,
        this.tally
      )
    this.rowCount += length
    this.profile.rows += length
  }

  private columnPlan(name: string): ColumnPlan {
    let plan = this.plans.get(name)
    if (!plan)
      this.plans.set(name, (plan = planColumn(name, this.rules, this.profile, this.cellSchema, this.tally)))
    return plan
  }

  private checkColumn(
    cells: CellValue[],
    lines: Int32Array,
    length: number,
    table: Table,
    name: string
  ): void {
    const { file, location, textual } = table
    const { profile, missing, checks, nullCounters } = this.columnPlan(name)
    let nulls = 0
    for (let r = 0; r < length; r++) {
      const cell = cells[r]
      const text = typeof cell === 'string' ? cell : cellText(cell)
      // The one rule of what is missing: a null token of a text table, a null (or absent) value of a typed
      // one, whose strings, '' included, are values for the rules, the profile and the schema alike.
      if (cell == null || (textual && missing.has(text))) {
        nulls++
        profile.addNull()
        for (const counter of nullCounters) this.tally.violate(counter, file, lines[r], location, text)
        continue
      }
      const number =
        typeof cell === 'number'
          ? cell
          : typeof cell === 'bigint'
            ? Number(cell)
            : textual
              ? numericReading(text)
              : NaN
      profile.addValue(text, number, typeof cell === 'number' || typeof cell === 'bigint')
      if (typeof cell === 'object') profile.addStructure(Array.isArray(cell))
      for (let k = 0; k < checks.length; k++) {
        const problem = checks[k].test(text, number, cell)
        if (problem !== undefined)
          this.tally.violate(checks[k].result, file, lines[r], location, text, problem || undefined)
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
        for (const counter of nullCounters) this.tally.violate(counter, file, lines[r], location, text ?? '')
        const errors = schemaCell?.(null)
        if (errors) this.tally.violateSchema(errors, file, lines[r], location)
        continue
      }
      const number = cells.number(start, end)
      profile.addReading(number, number !== number && cells.isBooleanWord(start, end))
      if (profile.categories !== null) profile.addCategory((text ??= cells.text(start, end)))
      // Beyond the exact counts, a number is classed by its value, without making its string.
      else if (number === number) profile.addClass(numberClass(number))
      else if (cells.ascii && end >= 0) profile.addClass(asciiClass(cells.bytes, start, end))
      else profile.addClass(textClass((text ??= cells.text(start, end))))
      if (needsText) text ??= cells.text(start, end)
      for (let k = 0; k < checks.length; k++) {
        const problem = checks[k].test(text!, number, text)
        if (problem !== undefined) {
          text ??= cells.text(start, end)
          this.tally.violate(checks[k].result, file, lines[r], location, text, problem || undefined)
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
   * One cell of a span batch against its column's schema (see CellSchema), when not decided inline. A method
   * of its own, called per cell, so that the column loop stays as small as it is without a schema.
   */
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
    // A number is handed over only where the typing rule (cell-typing.ts) makes the text that number.
    const handOver =
      start !== end &&
      (schemaNumeric === 'number'
        ? number === number
        : schemaNumeric === 'integer' && Number.isInteger(number))
    const errors = schemaCell(handOver ? number : (text ?? cells.text(start, end)))
    if (errors) this.tally.violateSchema(errors, file, line, location)
  }

  /** Final results: row-count and null-fraction rules, then `mostly` applied to every rule. */
  finish(): DataRuleResult[] {
    const rowsRule = checkRowCount(this.rules.rows, this.rowCount)
    if (rowsRule) this.tally.set(rowsRule)
    for (const result of checkNullFractions(this.rules, this.profile)) this.tally.set(result)
    return finishResults(this.tally.all())
  }
}

/** Rows in a delimited file of `byteLength` bytes, from the bytes per row of its first batch. */
function estimateRows(batch: SpanBatch, byteLength: number): number {
  const last = batch.length - 1
  const first = batch.starts[0][0]
  const end = batch.ends.reduce((max, ends) => Math.max(max, ends[last] < 0 ? ~ends[last] : ends[last]), 0)
  const perRow = (end - first) / batch.length
  return perRow > 0 ? Math.ceil(byteLength / perRow) : 0
}
