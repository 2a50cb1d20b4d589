import Ajv2020 from 'ajv/dist/2020.js'
import AjvDraft7 from 'ajv'
import addFormats from 'ajv-formats'
import { UserError } from '../action/user-error.js'
import type { RowSchema } from './row-schema.js'

/**
 * A JSON Schema for one row, compiled with ajv: CSV strings are coerced to the declared types (as qsv and
 * ajv's coerceTypes do), and remote `$ref`s are refused, because validation never fetches anything.
 */
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
