/**
 * A schema for one row. A JSON Schema is compiled with ajv (json-schema.ts: values are checked as they are, a CSV
 * cell typed first by the rule of cell-typing.ts; remote `$ref`s are refused, validation never fetches
 * anything); a Frictionless Table Schema, told apart by its `fields` list, becomes column rules for the same
 * engine that runs the rules file instead (table-schema.ts).
 */
export interface SchemaError {
  path: string
  column?: string
  keyword: string
  message: string
  value: string
}

export interface RowSchema {
  /** The errors of a row (only its own properties count), or undefined when it passes. */
  validate(row: Record<string, unknown>): SchemaError[] | undefined
  /** The value of a CSV or TSV cell of `column` that is not a null token, by the typing rule (cell-typing.ts). */
  typeText(column: string, text: string): unknown
  /** The same checks cell by cell, when the schema allows it (see CellSchema). */
  perColumn?: CellSchema
}

/**
 * A row schema whose constraints are each about one column, checked cell by cell on tables whose rows all
 * have every column (csv, tsv): the errors are those the row check would give.
 */
export interface CellSchema {
  /** Properties a row must have: a column absent from the table fails every row. */
  required: string[]
  /**
   * The check of one column's cells, or undefined when the schema says nothing about it. A cell is given as
   * its text (typed by the rule of cell-typing.ts before the check), null when it is a null token, or, for a
   * `numeric` column whose text reads as a number (`numericReading`), that number: the value the typing rule
   * gives the text.
   */
  column(name: string): ((value: unknown) => SchemaError[] | undefined) | undefined
  /** The column's type when it must be a number or an integer. */
  numeric(name: string): 'number' | 'integer' | undefined
  /** For a numeric column whose schema is only limits: a number inside them passes, with no call to `column`. */
  range(name: string): NumericRange | undefined
}

export interface NumericRange {
  integer: boolean
  minimum: number
  maximum: number
  exclusiveMinimum: number
  exclusiveMaximum: number
}
