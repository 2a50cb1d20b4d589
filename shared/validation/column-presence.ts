import type { Table } from '../data/table.js'
import type { RuleTally } from './rule-tally.js'
import type { ColumnRules } from './rules.js'

/**
 * Columns a rule requires, against the columns a table has. Checked after reading: a JSONL file only knows
 * all its keys at the end. One violation per table, at its first line.
 */
export function checkRequiredColumns(rules: readonly ColumnRules[], table: Table, tally: RuleTally): void {
  for (const rule of rules) {
    if (rule.required && !table.columns.includes(rule.column)) {
      const result = tally.counter(`${rule.column}.required`, {
        column: rule.column,
        rule: 'required',
        description: `column '${rule.column}' is present`,
        severity: rule.severity,
        mostly: 1
      })
      result.considered++
      tally.violate(
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

/**
 * A JSON Schema's required property that is not a column of the table, for the cell-by-cell check: every
 * row lacks it, as the row check says.
 */
export function checkSchemaRequired(
  required: readonly string[],
  columns: readonly string[],
  lines: Int32Array,
  length: number,
  table: Table,
  tally: RuleTally
): void {
  for (const name of required) {
    if (columns.includes(name)) continue
    const error = {
      path: `/${name}`,
      column: name,
      keyword: 'required',
      message: `must have required property '${name}'`,
      value: ''
    }
    for (let r = 0; r < length; r++) tally.violateSchema([error], table.file, lines[r], table.location)
  }
}
