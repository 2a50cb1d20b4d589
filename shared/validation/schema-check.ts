import { nameMap } from '../data/name-map.js'
import type { CellValue } from '../data/table.js'
import type { RowSchema } from './row-schema.js'
import type { RuleTally } from './rule-tally.js'

/**
 * A JSON Schema checked row by row: on tables read as rows (jsonl, parquet), and on csv and tsv when the
 * schema cannot be checked cell by cell or a column has its own missing values (see CellSchema). A missing
 * value of a text table reads as null, as in the cell check.
 */
export function checkSchemaRows(
  schema: RowSchema,
  missing: readonly string[],
  columns: readonly string[],
  values: CellValue[][],
  lines: Int32Array,
  length: number,
  file: string,
  location: 'line' | 'row',
  textual: boolean,
  tally: RuleTally
): void {
  for (let r = 0; r < length; r++) {
    const row = nameMap<unknown>()
    for (let c = 0; c < columns.length; c++) {
      const cell = values[c][r]
      if (cell === undefined) continue
      // JSON Schema knows numbers only: an exact bigint id (beyond 2^53) is checked as the nearest one.
      row[columns[c]] =
        textual && missing.includes(cell as string) ? null : typeof cell === 'bigint' ? Number(cell) : cell
    }
    const errors = schema.validate(row)
    if (errors !== undefined) tally.violateSchema(errors, file, lines[r], location)
  }
}
