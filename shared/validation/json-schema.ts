import Ajv2020 from 'ajv/dist/2020.js'
import AjvDraft7 from 'ajv'
import addFormats from 'ajv-formats'
import { UserError } from '../errors/user-error.js'
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv'
import {
  acceptOwnFormats,
  checkUnknownKeywords,
  misspeltFormat,
  refusedPattern,
  unknownKeywordLogger
} from './json-schema-keywords.js'
import type { CellSchema, NumericRange, RowSchema, SchemaError } from './row-schema.js'
import { detach } from './rule-tally.js'
import { compileUserPattern, PatternRefused, userPatternEngine, type UserPattern } from './user-pattern.js'

/**
 * A JSON Schema for one row, compiled with ajv: CSV strings are coerced to the declared types (as qsv and
 * ajv's coerceTypes do), and remote `$ref`s are refused, because validation never fetches anything. A misspelt
 * keyword or format is refused (json-schema-keywords.ts); `text` is the file's text, for its line.
 */
export function compileJsonSchema(schema: unknown, file: string, text?: string): RowSchema {
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
  // Strict about the schema only, and only to hear of unknown keywords (strictSchema 'log' tells the logger):
  // strict numbers, types and tuples stay off, as they change what validates.
  const unknownKeywords: string[] = []
  const options = {
    allErrors: true,
    coerceTypes: true,
    strict: false,
    strictSchema: 'log',
    unicodeRegExp: true,
    // Every pattern of the schema runs on RE2, in time linear in the value (user-pattern.ts).
    code: { regExp: userPatternEngine },
    logger: unknownKeywordLogger(unknownKeywords)
  } as const
  const ajv = draft2020 ? new Ajv2020.default(options) : new AjvDraft7.default(options)
  addFormats.default(ajv)
  acceptOwnFormats(ajv, schema)
  let validate
  try {
    validate = ajv.compile(schema)
  } catch (error) {
    if (error instanceof PatternRefused) throw refusedPattern(ajv, schema, error, file, text)
    const message = (error as Error).message
    throw (
      misspeltFormat(ajv, schema, message, file, text) ??
      new UserError(`${file} is not a valid JSON Schema: ${message}.`, { file })
    )
  }
  checkUnknownKeywords(ajv, schema, unknownKeywords, { draft2020, file, text })
  const toErrors = (errors: ErrorObject[] | null | undefined, row: Record<string, unknown>) =>
    (errors ?? []).map(error => {
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
  return {
    validate(row) {
      return validate(row) ? undefined : toErrors(validate.errors, row)
    },
    perColumn: columnValidators(schema as Record<string, unknown>, ajv)
  }
}

const MEMO_SIZE = 256
/** What a number-typed property may say for its number cells to be decided by `NumericRange` alone. */
const RANGE_KEYWORDS = new Set([
  'type',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'title',
  'description',
  '$comment',
  'examples'
])

const PATTERN_KEYWORDS = new Set(['type', 'pattern', 'title', 'description', '$comment', 'examples'])

/**
 * The pattern of a property that is only `type: string` and a pattern, compiled as ajv compiles it (by the
 * same engine): a string it matches passes every keyword of the property.
 */
function patternOnly(property: Record<string, unknown>): UserPattern | undefined {
  if (property.type !== 'string' || typeof property.pattern !== 'string') return undefined
  if (!Object.keys(property).every(key => PATTERN_KEYWORDS.has(key))) return undefined
  return compileUserPattern(property.pattern, { anchored: false })
}

/**
 * The bounds of a property that is only a numeric type with limits: a number within them passes every
 * keyword, as ajv would decide (`data < minimum || isNaN(data)` fails, and so on), so the cell needs no
 * call into ajv. Draft 4's boolean exclusive limits are left to ajv.
 */
function numericRange(
  property: Record<string, unknown>,
  kind: 'number' | 'integer'
): NumericRange | undefined {
  if (!Object.keys(property).every(key => RANGE_KEYWORDS.has(key))) return undefined
  const limit = (key: string, absent: number) => {
    const value = property[key]
    return value === undefined ? absent : typeof value === 'number' ? value : NaN
  }
  const range = {
    integer: kind === 'integer',
    minimum: limit('minimum', -Infinity),
    maximum: limit('maximum', Infinity),
    exclusiveMinimum: limit('exclusiveMinimum', -Infinity),
    exclusiveMaximum: limit('exclusiveMaximum', Infinity)
  }
  return Object.values(range).some(v => v !== v) ? undefined : range
}
/**
 * ajv's data context for a cell validated on its own (passing one spares an object per call). The
 * parent is a scratch object that a coerced value is written to; the root is only read by $data and
 * $dynamicRef, which a per-column schema never holds (NOT_LOCAL).
 */
const CELL_CONTEXT = {
  instancePath: '',
  parentData: {},
  parentDataProperty: '',
  rootData: {},
  dynamicAnchors: {}
}

/** Root keywords that say nothing about any row of a table whose rows are objects with every column. */
const ROOT_ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'examples',
  'type',
  'properties',
  'required'
])
/** Keywords that make a property's schema depend on something other than its own value. */
const NOT_LOCAL = /"\$(?:ref|dynamicRef|recursiveRef|data)"/

/**
 * A flat object schema (properties with their own constraints, a required list) checks every cell on its
 * own, so it can be checked column by column, without building an object per row: each property's schema is
 * compiled by the same ajv, and a cell is validated alone. ajv coerces a lone value exactly as it coerces a
 * property of a row, so the errors are the same (validator.test.ts proves it against whole rows).
 * Anything else (additionalProperties, $ref, if/then, dependent keywords) returns undefined: rows then.
 */
function columnValidators(schema: Record<string, unknown>, ajv: Ajv): CellSchema | undefined {
  if (!Object.keys(schema).every(key => ROOT_ANNOTATIONS.has(key))) return undefined
  if (schema.type !== undefined && schema.type !== 'object') return undefined
  const properties = (schema.properties ?? {}) as Record<string, unknown>
  const required = schema.required ?? []
  if (typeof properties !== 'object' || Array.isArray(properties) || !Array.isArray(required))
    return undefined
  const validators = new Map<string, ValidateFunction>()
  const numeric = new Map<string, 'number' | 'integer'>()
  const ranges = new Map<string, NumericRange>()
  const patterns = new Map<string, UserPattern>()
  for (const [name, property] of Object.entries(properties)) {
    if (typeof property !== 'object' || property === null || NOT_LOCAL.test(JSON.stringify(property)))
      return undefined
    validators.set(name, ajv.compile(property))
    // Only a column that must be a number (or null) may be handed over as its numeric reading (CellSchema).
    const types = [(property as { type?: unknown }).type].flat()
    const kind = types.find(t => t === 'number' || t === 'integer')
    if (kind && types.every(t => t === kind || t === 'null')) {
      numeric.set(name, kind)
      const range = numericRange(property as Record<string, unknown>, kind)
      if (range) ranges.set(name, range)
    }
    const pattern = patternOnly(property as Record<string, unknown>)
    if (pattern) patterns.set(name, pattern)
  }
  const pointer = (name: string) => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`
  return {
    required: required.map(String),
    column(name) {
      const validate = validators.get(name)
      if (!validate) return undefined
      const path = pointer(name)
      const check = (value: unknown) => {
        if (validate(value, CELL_CONTEXT)) return undefined
        return (validate.errors ?? []).map(error => ({
          path: path + error.instancePath,
          column: name,
          keyword: error.keyword,
          message: error.message ?? 'is invalid',
          value: value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value)
        }))
      }
      // A cell's verdict depends on its value alone: categorical columns repeat a few values millions of
      // times, so the first MEMO_SIZE texts of a column keep theirs.
      // Once the memo is full and misses more than it hits, the column is not categorical: stop asking it.
      const memo = new Map<string, SchemaError[] | null>()
      let hits = 0
      let misses = 0
      const pattern = patterns.get(name)
      return value => {
        // A string that matches a string-and-pattern-only schema passes it: no call into ajv.
        if (pattern !== undefined && typeof value === 'string' && pattern.test(value)) return undefined
        if (typeof value !== 'string' || misses > hits + MEMO_SIZE) return check(value)
        const known = memo.get(value)
        if (known !== undefined) {
          hits++
          return known ?? undefined
        }
        misses++
        if (memo.size >= MEMO_SIZE) return check(value)
        // A copy: a slice of the read chunk would keep the whole chunk alive in the memo.
        const key = detach(value)
        const errors = check(key)
        memo.set(key, errors ?? null)
        return errors
      }
    },
    numeric: name => numeric.get(name),
    range: name => ranges.get(name)
  }
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
