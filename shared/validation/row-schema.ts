import { UserError } from '../errors/user-error.js'
import type { ConfigValue } from '../config/config-file.js'
import type { ColumnRules, Rules, ValueType } from './rules.js'
import { compileSafePattern } from './safe-pattern.js'

/**
 * A schema for one row. A JSON Schema is compiled with ajv (strings from CSV are coerced to the declared
 * types, as qsv and ajv's coerceTypes do); a Frictionless Table Schema, told apart by its `fields` list,
 * becomes column rules for the same engine that runs the rules file. Remote `$ref`s are refused: validation
 * never fetches anything.
 */
export interface SchemaError {
  path: string
  column?: string
  keyword: string
  message: string
  value: string
}

export interface RowSchema {
  validate(row: Record<string, unknown>): SchemaError[] | undefined
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
   * its text, null when it is a missing value, or, for a `numeric` column whose text is not empty and reads
   * as a number of that type, that number: the value the row check would have coerced the text to.
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

export function isTableSchema(schema: unknown): boolean {
  return (
    typeof schema === 'object' && schema !== null && Array.isArray((schema as { fields?: unknown }).fields)
  )
}

const TABLE_TYPES: Record<string, ValueType | undefined> = {
  integer: 'integer',
  number: 'number',
  string: 'string',
  boolean: 'boolean'
}

/** Table Schema fields and constraints as column rules; `primaryKey` and `uniqueKeys` as unique keys. */
export function tableSchemaRules(schema: Record<string, unknown>, file: string, into: Rules): void {
  const fail = (message: string) => new UserError(`${file}: ${message}`, { file })
  const where = { error: (message: string) => fail(message) } as Pick<ConfigValue, 'error'>
  if (Array.isArray(schema.missingValues)) into.missingValues = schema.missingValues.map(String)
  const fields = schema.fields as Record<string, unknown>[]
  fields.forEach((field, index) => {
    if (typeof field?.name !== 'string') throw fail(`fields[${index}] needs a "name".`)
    const constraints = (field.constraints ?? {}) as Record<string, unknown>
    const number = (key: string) => {
      const value = constraints[key]
      if (value === undefined) return undefined
      if (typeof value !== 'number') throw fail(`fields[${index}].constraints.${key} must be a number.`)
      return value
    }
    const rule: ColumnRules = {
      column: field.name,
      source: file,
      fromSchema: true,
      required: true,
      notNull: constraints.required === true,
      type: TABLE_TYPES[String(field.type ?? 'string')],
      min: number('minimum'),
      max: number('maximum'),
      in: Array.isArray(constraints.enum) ? new Set(constraints.enum.map(String)) : undefined,
      pattern:
        typeof constraints.pattern === 'string' ? compileSafePattern(constraints.pattern, where) : undefined,
      patternText: typeof constraints.pattern === 'string' ? constraints.pattern : undefined,
      minLength: number('minLength'),
      maxLength: number('maxLength'),
      unique: constraints.unique === true,
      mostly: 1,
      severity: 'error',
      missingValues: Array.isArray(field.missingValues) ? field.missingValues.map(String) : undefined
    }
    into.columns.push(rule)
  })
  const keys: string[][] = []
  const key = schema.primaryKey
  if (typeof key === 'string') keys.push([key])
  else if (Array.isArray(key)) keys.push(key.map(String))
  if (Array.isArray(schema.uniqueKeys)) for (const k of schema.uniqueKeys) keys.push([k].flat().map(String))
  // A key the rules file already checks is checked once.
  for (const k of keys) if (!into.unique.some(u => u.join('\0') === k.join('\0'))) into.unique.push(k)
}
