import { readFile } from 'node:fs/promises'
import { parseConfigFile } from '../config/config-file.js'
import { UserError } from '../errors/user-error.js'
import { locateDeepNesting, locateJsonError, MAX_NESTING } from '../data/json-error.js'

/** The text of a JSON file, or YAML by extension (schemas, profiles, reports), for parseStructuredText. */
export async function readStructuredText(file: string, name: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => {
    throw new UserError(`${name} does not exist or cannot be read.`, { file: name })
  })
}

/**
 * The text of a JSON file, or of a YAML one when `name` ends in .yml or .yaml. Either is refused, at its line,
 * when it nests more than MAX_NESTING levels deep: ajv and the schema checks recurse once per level. YAML is read
 * by the one strict YAML reader (config-file.ts), which resolves aliases and refuses alias bombs.
 */
export function parseStructuredText(text: string, name: string): unknown {
  if (/\.ya?ml$/i.test(name)) return parseConfigFile(text, name).toJS()
  if (text.trim() === '')
    throw new UserError(`${name} is empty: it must hold a JSON document.`, { file: name })
  const deep = locateDeepNesting(text)
  if (deep) {
    throw new UserError(`${name}:${deep.line}: nested more than ${MAX_NESTING} levels deep.`, {
      file: name,
      line: deep.line,
      column: deep.column
    })
  }
  try {
    return JSON.parse(text)
  } catch {
    const at = locateJsonError(text)
    throw new UserError(`${name}:${at?.line ?? 1}: not valid JSON.`, {
      file: name,
      line: at?.line,
      column: at?.column
    })
  }
}
