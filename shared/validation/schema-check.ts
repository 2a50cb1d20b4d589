import type { CellValue } from '../data/table.js'
import type { RowSchema } from './row-schema.js'
import type { RuleTally } from './rule-tally.js'

/**
 * A JSON Schema checked row by row: on tables read as rows (jsonl, parquet), and on csv and tsv when the
 * schema cannot be checked cell by cell (see CellSchema). Values of jsonl and parquet are checked as they are;
 * a cell of a text table is null when it is one of its column's null tokens (`missing`), else typed by the rule
 * of cell-typing.ts, as in the cell check.
 */
export function checkSchemaRows(
  schema: RowSchema,
  missing: (column: string) => ReadonlySet<string>,
  columns: readonly string[],
  values: CellValue[][],
  lines: Int32Array,
  length: number,
  file: string,
  location: 'line' | 'row',
  textual: boolean,
  tally: RuleTally
): void {
  const tokens = textual ? columns.map(missing) : []
  for (let r = 0; r < length; r++) {
    // A plain object (ajv's deep equality of `const` and `enum` compares constructors), of which only own
    // properties count (json-schema.ts); a column named __proto__ is defined as a key, not set as the prototype.
    const row: Record<string, unknown> = {}
    for (let c = 0; c < columns.length; c++) {
      const cell = values[c][r]
      if (cell === undefined) continue
      const column = columns[c]
      // JSON Schema knows numbers only: an exact bigint id (beyond 2^53) is checked as the nearest one.
      const value = !textual
        ? typeof cell === 'bigint'
          ? Number(cell)
          : cell
        : tokens[c].has(cell as string)
          ? null
          : schema.typeText(column, cell as string)
      if (column === '__proto__')
        Object.defineProperty(row, column, { value, enumerable: true, writable: true, configurable: true })
      else row[column] = value
    }
    const errors = schema.validate(row)
    if (errors !== undefined) tally.violateSchema(errors, file, lines[r], location)
  }
}
