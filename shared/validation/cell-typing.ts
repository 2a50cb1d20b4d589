import { numericReading } from '../data/cell-spans.js'
import { ownValue } from '../data/name-map.js'

/**
 * How the text of a CSV or TSV cell becomes a JSON value for a JSON Schema: the one typing rule, applied before the
 * schema sees the cell (ajv never coerces; JSONL and Parquet values are checked as they are).
 *
 * 1. A null token (`missing_values`: the column's own, else the file's, default `['']`) is null. Nothing else is
 *    null: null is never a value of a type that does not admit it.
 * 2. Otherwise the cell becomes the first of these that its property admits and its text spells exactly:
 *    - a number, when the property admits `number` and the text reads as one (`numericReading`, the one numeric
 *      reading of text cells: a decimal such as `-12`, `0.5`, `1e-7`, optionally surrounded by white space, or
 *      `Infinity`; not blank text, not `0x1F`, `0o7`, `0b1`), or admits only `integer` and the number is whole
 *      (`3`, `3.0`, `1e3`);
 *    - a boolean, when the property admits `boolean` and the text is `true` or `false`;
 *    - else the text itself, a string (`007` under `type: string` stays `"007"`; `abc` under `type: integer` is
 *      the string `"abc"`, which fails `type`).
 *
 * A property admits the types its `type` names, or else those of the values of its `enum` or `const`, or else
 * those of the branches of `anyOf`/`oneOf`/`allOf` and of a local `$ref`. A property that says nothing about
 * types (or a column no property names) admits every type: its cell is a number when it reads as one,
 * `true`/`false` a boolean, else a string.
 */
export interface CellTypes {
  number: boolean
  integer: boolean
  boolean: boolean
}

/** A property that says nothing about types. */
const ANY: CellTypes = { number: true, integer: true, boolean: true }

export function typeTextCell(text: string, types: CellTypes = ANY): unknown {
  if (types.number || types.integer) {
    const number = numericReading(text)
    if (number === number && (types.number || Number.isInteger(number))) return number
  }
  if (types.boolean && (text === 'true' || text === 'false')) return text === 'true'
  return text
}

/** The types `property` admits for a cell, under `root` (for local `$ref`s). */
export function cellTypes(property: unknown, root: unknown): CellTypes {
  const named = namedTypes(property, root, 0)
  if (named === undefined) return ANY
  return { number: named.has('number'), integer: named.has('integer'), boolean: named.has('boolean') }
}

/** How deep `$ref`s and combinators are followed: a schema that nests deeper admits every type. */
const MAX_DEPTH = 16

function namedTypes(schema: unknown, root: unknown, depth: number): Set<string> | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema) || depth > MAX_DEPTH)
    return undefined
  const own = (key: string) => ownValue(schema as Record<string, unknown>, key)
  const type = own('type')
  if (typeof type === 'string') return new Set([type])
  if (Array.isArray(type)) return new Set(type.map(String))
  const values = own('enum') ?? (own('const') === undefined ? undefined : [own('const')])
  if (Array.isArray(values)) return new Set(values.map(valueType))
  for (const key of ['anyOf', 'oneOf']) {
    const branches = own(key)
    if (!Array.isArray(branches)) continue
    const union = new Set<string>()
    for (const branch of branches) {
      const types = namedTypes(branch, root, depth + 1)
      if (types === undefined) return undefined
      for (const t of types) union.add(t)
    }
    return union
  }
  const all = own('allOf')
  if (Array.isArray(all)) {
    for (const branch of all) {
      const types = namedTypes(branch, root, depth + 1)
      if (types !== undefined) return types
    }
  }
  const ref = own('$ref')
  if (typeof ref === 'string' && ref.startsWith('#')) return namedTypes(resolve(root, ref), root, depth + 1)
  return undefined
}

function valueType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value
}

/** The schema a local JSON pointer (`#/$defs/age`) names, or undefined. */
function resolve(root: unknown, ref: string): unknown {
  if (ref === '#') return root
  if (!ref.startsWith('#/')) return undefined
  let node = root
  for (const part of ref.slice(2).split('/')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')
    if (typeof node !== 'object' || node === null) return undefined
    node = ownValue(node as Record<string, unknown>, key)
  }
  return node
}
