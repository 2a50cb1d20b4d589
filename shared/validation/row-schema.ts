import Ajv2020 from 'ajv/dist/2020.js'
import AjvDraft7 from 'ajv'
import addFormats from 'ajv-formats'
import { UserError } from '../action/user-error.js'
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
  passed: number
}

export function isTableSchema(schema: unknown): boolean {
  return (
    typeof schema === 'object' && schema !== null && Array.isArray((schema as { fields?: unknown }).fields)
  )
}

export function compileJsonSchema(schema: unknown, file: string): RowSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new UserError(
      `${file}: a JSON Schema must be an object, such as {"type": "object", "properties": {...}}.`,
      { file }
    )
  }
  const remote = findRemoteRef(schema)
  if (remote) {
    throw new UserError(
      `${file}: $ref '${remote}' points outside the schema; mlci never fetches schemas over the network. Inline the referenced schema under $defs and use '#/$defs/...'.`,
      { file }
    )
  }
  const draft2020 = String((schema as { $schema?: unknown }).$schema ?? '').includes('2020-12')
  const options = { allErrors: true, coerceTypes: true, strict: false, unicodeRegExp: true } as const
  const ajv = draft2020 ? new Ajv2020.default(options) : new AjvDraft7.default(options)
  addFormats.default(ajv)
  let validate
  try {
    validate = ajv.compile(schema)
  } catch (error) {
    throw new UserError(`${file} is not a valid JSON Schema: ${(error as Error).message}.`, { file })
  }
  const result: RowSchema = {
    passed: 0,
    validate(row) {
      if (validate(row)) return undefined
      return (validate.errors ?? []).map(error => {
        const missing =
          error.keyword === 'required'
            ? String((error.params as { missingProperty?: string }).missingProperty)
            : undefined
        const column = missing ?? error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~')
        const raw = column === undefined ? undefined : row[column]
        return {
          path: missing ? `/${missing}` : error.instancePath,
          column,
          keyword: error.keyword,
          message: error.message ?? 'is invalid',
          value: raw === undefined ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw)
        }
      })
    }
  }
  return result
}

function findRemoteRef(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined
  for (const [key, value] of Object.entries(node)) {
    if ((key === '$ref' || key === '$dynamicRef') && typeof value === 'string' && !value.startsWith('#'))
      return value
    const inner = findRemoteRef(value)
    if (inner) return inner
  }
  return undefined
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
