import Ajv2020 from 'ajv/dist/2020.js'
import AjvDraft7 from 'ajv'
import type { Ajv } from 'ajv'
import { parseConfigFile, type ConfigValue } from '../config/config-file.js'
import { misspeltFrom } from '../config/suggest.js'
import { UserError } from '../errors/user-error.js'

/**
 * The keywords and formats a JSON Schema may use. JSON Schema ignores a keyword or a format it does not know, so a
 * misspelt one (`minimun`, `emial`) would silently turn its check off: one close to a keyword or format ajv knows
 * is refused with the one it meant, at its line, and so is a keyword of the other draft than the schema is read
 * as (`unevaluatedProperties` without a 2020-12 `$schema`). Any other unknown keyword or format is the schema's
 * own annotation, which the spec allows (`x-unit`, pydantic's `discriminator`, a `phone` format): ignored, as
 * it always was.
 */

/** An ajv logger that keeps the keywords strict mode ('log') calls unknown, and says nothing. */
export function unknownKeywordLogger(into: string[]): {
  log(): void
  warn(message: unknown): void
  error(): void
} {
  return {
    log() {},
    warn(message) {
      const keyword = /^strict mode: unknown keyword: "(.*)"$/.exec(String(message))?.[1]
      if (keyword !== undefined && !into.includes(keyword)) into.push(keyword)
    },
    error() {}
  }
}

/** Refuses the first unknown keyword that is not an annotation of the schema's own. */
export function checkUnknownKeywords(
  ajv: Ajv,
  schema: object,
  unknown: readonly string[],
  { draft2020, file, text }: { draft2020: boolean; file: string; text?: string }
): void {
  for (const keyword of unknown) {
    const problem = misspeltKeyword(ajv, keyword, draft2020)
    if (!problem) continue
    const path = findKeyword(schema, key => key === keyword, keywordsOf(ajv)) ?? []
    throw located(file, text, path)(`unknown keyword '${keyword}'${pointer(path.slice(0, -1))}: ${problem}`)
  }
}

/** The error for ajv's compile error `message` when it is about a misspelt format, else undefined. */
export function misspeltFormat(
  ajv: Ajv,
  schema: object,
  message: string,
  file: string,
  text: string | undefined
): UserError | undefined {
  const format = /^unknown format "(.*)" ignored in schema/.exec(message)?.[1]
  if (format === undefined) return undefined
  const path =
    findKeyword(schema, (key, value) => key === 'format' && value === format, keywordsOf(ajv)) ?? []
  // acceptOwnFormats left unknown only the formats close to a known one.
  const guess = misspeltFrom(format, Object.keys(ajv.formats))
  const error = located(file, text, path)
  return error(
    `unknown format '${format}'${pointer(path.slice(0, -1))}: did you mean '${guess}'? ${IGNORED} format is not checked.`
  )
}

/**
 * The error for a `pattern` or `patternProperties` key the linear-time engine refused (user-pattern.ts), at its
 * line, with the reason.
 */
export function refusedPattern(
  ajv: Ajv,
  schema: object,
  refused: { source: string; message: string },
  file: string,
  text: string | undefined
): UserError {
  const keywords = keywordsOf(ajv)
  const { source } = refused
  const path =
    findKeyword(schema, (key, value) => key === 'pattern' && value === source, keywords) ??
    findKeyword(
      schema,
      (key, value) =>
        key === 'patternProperties' && typeof value === 'object' && value !== null && source in value,
      keywords
    )?.concat(source) ??
    []
  const keyword = path.at(-2) === 'patternProperties' ? 'patternProperties' : 'pattern'
  return located(file, text, path)(`${keyword}${pointer(path.slice(0, -1))}: ${refused.message}.`)
}

/**
 * Keywords no draft's ajv knows that are harmless annotations: `$anchor` (2019-09 and later; ajv resolves it
 * itself) and OpenAPI's `example`, which generated schemas often hold and which is one letter from `examples`.
 */
const ANNOTATIONS = new Set(['$anchor', 'example'])

/** Formats the drafts define that ajv-formats does not check: accepted unchecked, as the spec allows. */
const UNCHECKED_FORMATS = ['idn-email', 'idn-hostname', 'iri', 'iri-reference']

/** Why a near miss is refused rather than ignored. */
const IGNORED = 'JSON Schema ignores what it does not know: a misspelt'

/** Keywords whose values are data, not schemas: a keyword's name there is a value. */
export const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples'])
/** Keywords whose values map names (of properties, definitions) to schemas. */
export const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'dependencies'
])

/** Why an unknown keyword is refused, or undefined for an annotation of the schema's own. */
function misspeltKeyword(ajv: Ajv, keyword: string, draft2020: boolean): string | undefined {
  if (ANNOTATIONS.has(keyword)) return undefined
  if (otherDraftKeywords(draft2020).includes(keyword)) {
    return draft2020
      ? `it is a keyword of draft-07, not of draft 2020-12, which the schema's $schema names. ${IGNORED} keyword is not checked.`
      : `it is a keyword of draft 2020-12, and the schema is read as draft-07: add "$schema": "https://json-schema.org/draft/2020-12/schema". ${IGNORED} keyword is not checked.`
  }
  const guess = misspeltFrom(keyword, keywordsOf(ajv))
  return guess ? `did you mean '${guess}'? ${IGNORED} keyword is not checked.` : undefined
}

/** Formats the schema names that ajv does not know and that are not a misspelt known one: accepted, unchecked. */
export function acceptOwnFormats(ajv: Ajv, schema: object): void {
  for (const name of UNCHECKED_FORMATS) ajv.addFormat(name, true)
  const known = Object.keys(ajv.formats)
  findKeyword(
    schema,
    (key, value) => {
      if (key === 'format' && typeof value === 'string' && !(value in ajv.formats)) {
        if (misspeltFrom(value, known) === undefined) ajv.addFormat(value, true)
      }
      return false
    },
    keywordsOf(ajv)
  )
}

const otherKeywords = new Map<boolean, string[]>()

/** The keywords of the draft the schema is not read as (draft-07's for a 2020-12 schema, and the reverse). */
function otherDraftKeywords(draft2020: boolean): string[] {
  let keywords = otherKeywords.get(draft2020)
  if (!keywords) {
    const other = draft2020
      ? new AjvDraft7.default({ strict: false })
      : new Ajv2020.default({ strict: false })
    otherKeywords.set(draft2020, (keywords = keywordsOf(other)))
  }
  return keywords
}

function keywordsOf(ajv: Ajv): string[] {
  return Object.keys(ajv.RULES.keywords)
}

/**
 * The path of the first keyword `found` accepts, walking the schema as ajv does: into the values of the keywords
 * it knows, past the names of properties and definitions, and never into data (`enum`, `const`, `default`...).
 */
function findKeyword(
  node: unknown,
  found: (key: string, value: unknown) => boolean,
  keywords: readonly string[],
  path: string[] = []
): string[] | undefined {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) {
      const inner = findKeyword(item, found, keywords, [...path, String(i)])
      if (inner) return inner
    }
    return undefined
  }
  if (typeof node !== 'object' || node === null) return undefined
  for (const [key, value] of Object.entries(node)) {
    if (found(key, value)) return [...path, key]
    if (DATA_KEYWORDS.has(key) || !keywords.includes(key)) continue
    if (NAME_MAPS.has(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [name, inner] of Object.entries(value)) {
        const at = findKeyword(inner, found, keywords, [...path, key, name])
        if (at) return at
      }
      continue
    }
    const inner = findKeyword(value, found, keywords, [...path, key])
    if (inner) return inner
  }
  return undefined
}

/** ` at #/properties/age`, as ajv writes schema paths; nothing at the root. */
function pointer(path: string[]): string {
  return path.length === 0
    ? ''
    : ` at #/${path.map(p => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`
}

/** An error at the line of `path` in the schema's text, when the text is given and reads as YAML (JSON is YAML). */
function located(file: string, text: string | undefined, path: string[]): (message: string) => UserError {
  let line: number | undefined
  try {
    if (text !== undefined) {
      let value: ConfigValue | undefined = parseConfigFile(text, file)
      for (const key of path) {
        value = Array.isArray(value?.toJS())
          ? value?.list()[Number(key)]
          : value?.entries().find(([name]) => name === key)?.[1]
      }
      line = value?.keyLine
    }
  } catch {
    // No line, then: the message still names the path.
  }
  return message => new UserError(`${file}${line ? `:${line}` : ''}: ${message}`, { file, line })
}
