import type { ConfigValue } from '../config/config-file.js'
import { misspeltFrom, suggestNearest } from '../config/suggest.js'
import { UserError } from '../errors/user-error.js'
import type { ColumnRules, LexicalForms, Rules, UniqueKey, ValueType } from './rules.js'
import { compileAnchoredPattern } from './user-pattern.js'

/**
 * A Frictionless Table Schema (https://datapackage.org/standard/table-schema/, v1 and v2), told apart from a JSON
 * Schema by its `fields` list, read as strictly as a rules file and with its lines (JSON is YAML, so a JSON file
 * has them too): its fields and constraints become column rules for the engine that runs the rules file, its
 * primary and unique keys unique keys. The spec lets a schema and a field carry properties of their own, so a key
 * it does not define is accepted unless it looks like a misspelt one (`constriants`): a typo must never turn a
 * check off. Constraints are a closed list. Keys the spec defines and mlci does not check (formats, types other
 * than string, number, integer and boolean, `exclusiveMinimum`, `exclusiveMaximum`, `jsonSchema`, `foreignKeys`,
 * `fieldsMatch`) are accepted as they always were.
 */
export function isTableSchema(schema: unknown): boolean {
  return (
    typeof schema === 'object' && schema !== null && Array.isArray((schema as { fields?: unknown }).fields)
  )
}

const SCHEMA_KEYS = [
  '$schema',
  'fields',
  'fieldsMatch',
  'missingValues',
  'primaryKey',
  'uniqueKeys',
  'foreignKeys'
] as const

const FIELD_KEYS = [
  'name',
  'title',
  'description',
  'example',
  'type',
  'format',
  'constraints',
  'missingValues',
  'categories',
  'categoriesOrdered',
  'rdfType',
  // Properties of some types: number and integer, boolean, list.
  'decimalChar',
  'groupChar',
  'bareNumber',
  'trueValues',
  'falseValues',
  'delimiter',
  'itemType'
] as const

const CONSTRAINT_KEYS = [
  'required',
  'unique',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'jsonSchema',
  'pattern',
  'enum'
] as const

const FIELD_TYPES = [
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'list',
  'datetime',
  'date',
  'time',
  'year',
  'yearmonth',
  'duration',
  'geopoint',
  'geojson',
  'any'
] as const

/** The types whose values mlci checks; the others are read without a type check. */
const CHECKED_TYPES: Record<string, ValueType | undefined> = {
  integer: 'integer',
  number: 'number',
  string: 'string',
  boolean: 'boolean'
}

/** Table Schema fields and constraints as column rules; `primaryKey` and `uniqueKeys` as unique keys. */
export function tableSchemaRules(root: ConfigValue, into: Rules): void {
  const schema = standardKeys(mapping(root, 'the schema'), SCHEMA_KEYS)
  if (schema.missingValues.present) into.missingValues = missingValues(schema.missingValues, 'missingValues')
  const fields = list(schema.fields, 'fields')
  const names: string[] = []
  fields.forEach((value, index) => {
    const path = `fields[${index}]`
    const field = standardKeys(mapping(value, path), FIELD_KEYS)
    if (!field.name.present) throw fail(value, `${path} needs a "name".`)
    const name = text(field.name, `${path}.name`)
    names.push(name)
    // Table Schema v1's default type, which mlci has always applied (v2 says `any`): digits stay categories.
    const type = field.type.present ? fieldType(field.type, `${path}.type`) : 'string'
    const constraints = mapping(field.constraints, `${path}.constraints`).object(CONSTRAINT_KEYS)
    const at = (key: (typeof CONSTRAINT_KEYS)[number]) => `${path}.constraints.${key}`
    const number = (key: 'minimum' | 'maximum' | 'minLength' | 'maxLength') =>
      constraints[key].present ? numeric(constraints[key], at(key)) : undefined
    const flag = (key: 'required' | 'unique') =>
      constraints[key].present ? boolean(constraints[key], at(key)) : false
    const patternText = constraints.pattern.present ? text(constraints.pattern, at('pattern')) : undefined
    const rule: ColumnRules = {
      column: name,
      file: value.file,
      line: value.line,
      path,
      fromSchema: true,
      // Fields must be in the data (fieldsMatch exact, the default): an absent one is a finding.
      required: true,
      notNull: flag('required'),
      type: CHECKED_TYPES[type],
      min: number('minimum'),
      max: number('maximum'),
      in: constraints.enum.present
        ? new Set(list(constraints.enum, at('enum')).map(v => String(v.toJS())))
        : undefined,
      pattern:
        patternText === undefined
          ? undefined
          : compileAnchoredPattern(patternText, {
              error: message => fail(constraints.pattern, `${at('pattern')} ${message}`)
            }),
      patternText,
      minLength: number('minLength'),
      maxLength: number('maxLength'),
      unique: flag('unique'),
      mostly: 1,
      severity: 'error',
      missingValues: field.missingValues.present
        ? missingValues(field.missingValues, `${path}.missingValues`)
        : undefined,
      lexical: lexicalForms(type, field, path)
    }
    into.columns.push(rule)
  })
  const keys: UniqueKey[] = []
  if (schema.primaryKey.present) keys.push(fieldKey(schema.primaryKey, 'primaryKey', names))
  if (schema.uniqueKeys.present)
    list(schema.uniqueKeys, 'uniqueKeys').forEach((key, i) =>
      keys.push(fieldKey(key, `uniqueKeys[${i}]`, names))
    )
  // A key the rules file already checks is checked once.
  const same = (a: UniqueKey, b: UniqueKey) => a.columns.join('\0') === b.columns.join('\0')
  for (const key of keys) if (!into.unique.some(u => same(u, key))) into.unique.push(key)
}

/** Table Schema's defaults (v1 and v2): `trueValues`, `falseValues`. */
const TRUE_VALUES = ['true', 'True', 'TRUE', '1']
const FALSE_VALUES = ['false', 'False', 'FALSE', '0']
/** The number literals Table Schema adds to decimals. */
const SPECIAL_NUMBERS = new Map([
  ['NaN', NaN],
  ['INF', Infinity],
  ['-INF', -Infinity]
])

/**
 * How a field of type number, integer or boolean spells its values, as the spec defines them: a number is a
 * decimal with an optional sign and exponent (`1E5`), or `NaN`, `INF`, `-INF`, its point written as `decimalChar`
 * (default `.`), its digits optionally grouped by `groupChar` (no default: none), and, with `bareNumber: false`,
 * leading and trailing text around it (`€95`, `95%`); an integer the same without point or exponent; a boolean one
 * of `trueValues` or `falseValues`.
 */
function lexicalForms(
  type: string,
  field: Record<(typeof FIELD_KEYS)[number], ConfigValue>,
  path: string
): LexicalForms | undefined {
  if (type !== 'number' && type !== 'integer' && type !== 'boolean') return undefined
  const char = (key: 'decimalChar' | 'groupChar', absent: string) => {
    if (!field[key].present) return absent
    const value = text(field[key], `${path}.${key}`)
    if (value.length !== 1) throw fail(field[key], `${path}.${key} must be one character, got '${value}'.`)
    return value
  }
  const strings = (key: 'trueValues' | 'falseValues', absent: string[]) =>
    new Set(
      field[key].present
        ? list(field[key], `${path}.${key}`).map((v, i) => text(v, `${path}.${key}[${i}]`))
        : absent
    )
  const decimalChar = type === 'number' ? char('decimalChar', '.') : undefined
  const groupChar = char('groupChar', '')
  const bare = field.bareNumber.present ? boolean(field.bareNumber, `${path}.bareNumber`) : true
  const trueValues = strings('trueValues', TRUE_VALUES)
  const falseValues = strings('falseValues', FALSE_VALUES)
  const grammar =
    type === 'integer' ? /^[+-]?[0-9]+$/ : /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/
  return {
    number(written) {
      if (type === 'number' && SPECIAL_NUMBERS.has(written)) return SPECIAL_NUMBERS.get(written)
      // Without bareNumber, the number is what lies between the first and the last digit (and its sign).
      const core = bare ? written : (/[+-]?[0-9.,]*[0-9]/.exec(written)?.[0] ?? '')
      let plain = ''
      for (const c of core) {
        if (c === groupChar) continue
        if (c === decimalChar) plain += '.'
        else if (c === '.') return undefined
        else plain += c
      }
      return plain !== '' && grammar.test(plain) ? Number(plain) : undefined
    },
    boolean: written => (trueValues.has(written) ? true : falseValues.has(written) ? false : undefined)
  }
}

/**
 * The accessors of a mapping's standard keys. A key of the mapping's own (the spec allows them) passes, unless it
 * is close enough to a standard key to be a typo of it: that fails with the key it meant.
 */
function standardKeys<K extends string>(value: ConfigValue, known: readonly K[]): Record<K, ConfigValue> {
  const own = value
    .entries()
    .map(([key]) => key)
    .filter(key => !(known as readonly string[]).includes(key) && misspeltFrom(key, known) === undefined)
  return value.object([...known, ...own]) as Record<K, ConfigValue>
}

/** A key of field names: each must be a field (the spec says so, and a typo would leave the key unchecked). */
function fieldKey(value: ConfigValue, path: string, names: readonly string[]): UniqueKey {
  // v1 allowed a single name for a one-column key.
  const items = typeof value.toJS() === 'string' ? [value] : list(value, path)
  if (items.length === 0) throw fail(value, `${path} needs at least one field name.`)
  const columns = items.map((item, i) => {
    const name = text(item, item === value ? path : `${path}[${i}]`)
    if (!names.includes(name)) {
      const guess = suggestNearest(name, names)
      throw fail(
        item,
        `${path} names '${name}', which is not a field${guess ? `: did you mean '${guess}'?` : ` (fields: ${names.join(', ')}).`}`
      )
    }
    return name
  })
  return { columns, file: value.file, line: value.line, path, lines: items.map(item => item.line) }
}

function fieldType(value: ConfigValue, path: string): string {
  const type = text(value, path)
  if ((FIELD_TYPES as readonly string[]).includes(type)) return type
  const guess = suggestNearest(type, FIELD_TYPES)
  throw fail(
    value,
    `${path} '${type}' is not a Table Schema type${guess ? `: did you mean '${guess}'?` : ` (types: ${FIELD_TYPES.join(', ')}).`}`
  )
}

/** Strings, or (v2) objects with a `value` string and an optional `label`. */
function missingValues(value: ConfigValue, path: string): string[] {
  return list(value, path).map((item, i) => {
    const raw = item.toJS()
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw))
      return text(standardKeys(item, ['value', 'label'] as const).value, `${path}[${i}].value`)
    return text(item, `${path}[${i}]`)
  })
}

function mapping(value: ConfigValue, path: string): ConfigValue {
  const raw = value.toJS()
  if (value.present && (typeof raw !== 'object' || raw === null || Array.isArray(raw)))
    throw fail(value, `${path} must be an object, got ${describe(raw)}.`)
  return value
}

function list(value: ConfigValue, path: string): ConfigValue[] {
  if (!Array.isArray(value.toJS()))
    throw fail(value, `${path} must be a list, got ${describe(value.toJS())}.`)
  return value.list()
}

function text(value: ConfigValue, path: string): string {
  const raw = value.toJS()
  if (typeof raw !== 'string') throw fail(value, `${path} must be a string, got ${describe(raw)}.`)
  return raw
}

function numeric(value: ConfigValue, path: string): number {
  const raw = value.toJS()
  if (typeof raw !== 'number' || !Number.isFinite(raw))
    throw fail(value, `${path} must be a number, got ${describe(raw)}.`)
  return raw
}

function boolean(value: ConfigValue, path: string): boolean {
  const raw = value.toJS()
  if (typeof raw !== 'boolean') throw fail(value, `${path} must be true or false, got ${describe(raw)}.`)
  return raw
}

function describe(raw: unknown): string {
  if (raw === undefined || raw === null) return 'nothing'
  return Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'an object' : JSON.stringify(raw)
}

function fail(value: ConfigValue, message: string): UserError {
  return new UserError(`${value.file}:${value.line}: ${message}`, { file: value.file, line: value.line })
}
