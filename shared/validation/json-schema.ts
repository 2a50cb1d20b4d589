import Ajv2020 from 'ajv/dist/2020.js'
import AjvDraft7 from 'ajv'
import addFormats from 'ajv-formats'
import { ownValue } from '../data/name-map.js'
import { UserError } from '../errors/user-error.js'
import { _, type Ajv, type ErrorObject, type KeywordCxt, type ValidateFunction } from 'ajv'
import {
  acceptOwnFormats,
  checkUnknownKeywords,
  DATA_KEYWORDS,
  misspeltFormat,
  NAME_MAPS,
  refusedPattern,
  unknownKeywordLogger
} from './json-schema-keywords.js'
import { cellTypes, typeTextCell, type CellTypes } from './cell-typing.js'
import type { CellSchema, NumericRange, RowSchema, SchemaError } from './row-schema.js'
import { detach } from './rule-tally.js'
import { compileUserPattern, PatternRefused, userPatternEngine, type UserPattern } from './user-pattern.js'

/**
 * A JSON Schema for one row, compiled with ajv. Values are checked as they are: ajv never coerces (a JSONL
 * `"5"` is not an integer, `null` is not a string), and a CSV cell is typed before the check by the one rule
 * of cell-typing.ts (`typeText`). A `$ref` that does not resolve within the schema (by pointer, `$id`,
 * `$anchor`, or a draft's meta-schema) is refused, because validation never fetches anything. A misspelt
 * keyword or format is refused (json-schema-keywords.ts); `text` is the file's text, for its line.
 *
 * Where ajv alone would depart from the spec (python-jsonschema is the second opinion of the differential
 * test): only own properties of a row count (`required: ["toString"]` fails on `{}`); a property named
 * `__proto__`, which ajv drops, is checked (PROTO_PROPERTY); an empty `enum`, which the meta-schemas allow, is
 * a keyword no value passes, where ajv refuses to compile it; NaN and ±Infinity are not numbers (python-jsonschema
 * calls inf a number; SECURITY.md says no rule passes by not being a number). `format` is an annotation in 2020-12, as its
 * spec and python-jsonschema's default say, while draft-07 keeps asserting the formats ajv-formats knows, as
 * mlci always did (the draft leaves it to the implementation).
 */
export function compileJsonSchema(userSchema: unknown, file: string, text?: string): RowSchema {
  const schema = forAjv(userSchema)
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new UserError(
      `${file}: a JSON Schema must be an object, such as {"type": "object", "properties": {...}}.`,
      { file }
    )
  }
  const draft2020 = String((schema as { $schema?: unknown }).$schema ?? '').includes('2020-12')
  // Strict about the schema only, and only to hear of unknown keywords (strictSchema 'log' tells the logger):
  // strict numbers, types and tuples stay off, as they change what validates.
  const unknownKeywords: string[] = []
  const options = {
    allErrors: true,
    ownProperties: true,
    // NaN and ±Infinity (a Parquet DOUBLE, a CSV `Infinity` or `1e400`) are never a number or an integer: no
    // rule passes by not being a number (SECURITY.md). JSON has no such numbers; python-jsonschema calls inf a number.
    strictNumbers: true,
    validateFormats: !draft2020,
    strict: false,
    strictSchema: 'log',
    unicodeRegExp: true,
    // Every pattern of the schema runs on RE2, in time linear in the value (user-pattern.ts).
    code: { regExp: userPatternEngine },
    logger: unknownKeywordLogger(unknownKeywords)
  } as const
  const ajv = draft2020 ? new Ajv2020.default(options) : new AjvDraft7.default(options)
  addFormats.default(ajv)
  addOwnKeywords(ajv)
  acceptOwnFormats(ajv, schema)
  let validate
  try {
    validate = ajv.compile(schema)
  } catch (error) {
    if (error instanceof PatternRefused) throw refusedPattern(ajv, schema, error, file, text)
    // A $ref ajv cannot resolve within the schema (by pointer, $id, $anchor, or the drafts' meta-schemas it
    // holds): ajv has no loadSchema, so nothing is ever fetched.
    const missing = (error as { missingRef?: unknown }).missingRef
    if (typeof missing === 'string') {
      throw new UserError(
        `${file}: $ref '${missing}' points outside the schema; mlci never fetches schemas over the network. Inline the referenced schema under $defs and use '#/$defs/...'.`,
        { file }
      )
    }
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
      const raw = column === undefined ? undefined : ownValue(row, column)
      return {
        path: missing ? `/${missing}` : error.instancePath,
        column,
        keyword: keywordOf(error),
        message: error.message ?? 'is invalid',
        value: shown(raw)
      }
    })
  const properties = ownValue(schema as Record<string, unknown>, 'properties')
  const typesOf = new Map<string, CellTypes>()
  const types = (column: string) => {
    let known = typesOf.get(column)
    if (!known) {
      const property =
        typeof properties === 'object' && properties !== null
          ? ownValue(properties as Record<string, unknown>, column)
          : undefined
      typesOf.set(column, (known = cellTypes(property, schema)))
    }
    return known
  }
  return {
    validate(row) {
      return endless(file, () => validate(row)) ? undefined : toErrors(validate.errors, row)
    },
    typeText: (column, cell) => typeTextCell(cell, types(column)),
    perColumn: columnValidators(schema as Record<string, unknown>, ajv, types, file)
  }
}

/**
 * A validation that runs out of stack (ajv's code for some `$dynamicRef` schemas recurses without end) is the
 * schema's fault, said as such, not an internal error.
 */
function endless(file: string, check: () => boolean): boolean {
  try {
    return check()
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    throw new UserError(
      `${file}: checking a row against this JSON Schema recursed without end (ajv ran out of stack); simplify its $ref/$dynamicRef cycles.`,
      { file }
    )
  }
}

/** A value as an example shows it: a string as it is, anything else as JSON ('' for none). */
function shown(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  // A BigInt (an integer beyond 2^53 read exactly) is written as its digits, also inside an object.
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  return text ?? String(value)
}

/** The keyword an empty `enum` is compiled to (ajv refuses `enum: []`); its errors are `enum`'s. */
const EMPTY_ENUM = '$mlciEmptyEnum'

function keywordOf(error: ErrorObject): string {
  return error.keyword === EMPTY_ENUM ? 'enum' : error.keyword
}

/**
 * The keyword a property named `__proto__` is also compiled to: ajv leaves `__proto__` out of `properties`
 * (allSchemaProperties in its vocabularies/code.ts), while a column or a key of a JSONL object may well be called
 * so. It applies the property's schema to the object's own `__proto__` value, as `properties` would.
 */
const PROTO_PROPERTY = '$mlciProtoProperty'

function addOwnKeywords(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: EMPTY_ENUM,
    schemaType: 'boolean',
    error: { message: 'must be equal to one of the allowed values (the enum is empty)' },
    validate: () => false
  })
  ajv.addKeyword({
    keyword: PROTO_PROPERTY,
    schemaType: ['object', 'boolean'],
    code(cxt: KeywordCxt) {
      const { gen, data } = cxt
      const valid = gen.name('valid')
      gen.if(
        _`${data} && typeof ${data} == "object" && !Array.isArray(${data}) && Object.prototype.hasOwnProperty.call(${data}, "__proto__")`,
        () => cxt.subschema({ keyword: PROTO_PROPERTY, dataProp: '__proto__' }, valid),
        () => gen.assign(valid, true)
      )
      cxt.ok(valid)
    }
  })
}

const defineKey = (object: Record<string, unknown>, key: string, value: unknown) =>
  // defineProperty: an own key named __proto__ stays a key.
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })

/**
 * The schema as ajv is given it (a copy where anything changes): every `enum: []` replaced by EMPTY_ENUM (JSON
 * Schema allows an empty enum, which no value passes; ajv refuses to compile one), and every property named
 * `__proto__` also given to PROTO_PROPERTY. `schema` is false for a map of names to schemas.
 */
function forAjv(node: unknown, schema = true): unknown {
  if (Array.isArray(node)) {
    const items = node.map(item => forAjv(item))
    return items.every((item, i) => item === node[i]) ? node : items
  }
  if (typeof node !== 'object' || node === null) return node
  let copy: Record<string, unknown> | undefined
  for (const [key, value] of Object.entries(node)) {
    if (schema && key === 'enum' && Array.isArray(value) && value.length === 0) {
      copy ??= { ...node }
      delete copy[key]
      defineKey(copy, EMPTY_ENUM, true)
      continue
    }
    const next = schema && DATA_KEYWORDS.has(key) ? value : forAjv(value, !(schema && NAME_MAPS.has(key)))
    if (next !== value) defineKey((copy ??= { ...node }), key, next)
    if (schema && key === 'properties' && typeof next === 'object' && next !== null) {
      const proto = ownValue(next as Record<string, unknown>, '__proto__')
      if (proto !== undefined) defineKey((copy ??= { ...node }), PROTO_PROPERTY, proto)
    }
  }
  return copy ?? node
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
 * ajv's data context for a cell validated on its own (passing one spares an object per call). The root is
 * only read by $data and $dynamicRef, which a per-column schema never holds (NOT_LOCAL).
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
  'required',
  // A property named __proto__ is among `properties`, which the cell check reads itself.
  PROTO_PROPERTY
])
/** Keywords that make a property's schema depend on something other than its own value. */
const NOT_LOCAL = /"\$(?:ref|dynamicRef|recursiveRef|data)"/

/**
 * A flat object schema (properties with their own constraints, a required list) checks every cell on its
 * own, so it can be checked column by column, without building an object per row: each property's schema is
 * compiled by the same ajv, and a cell, typed by the same rule (cell-typing.ts), is validated alone, so the
 * errors are the same (validator.test.ts proves it against whole rows).
 * Anything else (additionalProperties, $ref, if/then, dependent keywords) returns undefined: rows then.
 */
function columnValidators(
  schema: Record<string, unknown>,
  ajv: Ajv,
  types: (column: string) => CellTypes,
  file: string
): CellSchema | undefined {
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
    // A boolean schema (`true`, `false`) has no keywords to read: rows then.
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
      const cellTypes = types(name)
      const check = (cell: unknown) => {
        const value = typeof cell === 'string' ? typeTextCell(cell, cellTypes) : cell
        if (endless(file, () => validate(value, CELL_CONTEXT))) return undefined
        return (validate.errors ?? []).map(error => ({
          path: path + error.instancePath,
          column: name,
          keyword: keywordOf(error),
          message: error.message ?? 'is invalid',
          value: shown(cell)
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
