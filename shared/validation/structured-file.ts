import { readFile } from 'node:fs/promises'
import { parse as parseYaml } from 'yaml'
import { UserError } from '../errors/user-error.js'
import { locateJsonError } from '../data/json-error.js'

/** The text of a JSON file, or YAML by extension (schemas, profiles, reports), for parseStructuredText. */
export async function readStructuredText(file: string, name: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => {
    throw new UserError(`${name} does not exist or cannot be read.`, { file: name })
  })
}

/** The text of a JSON file, or of a YAML one when `name` ends in .yml or .yaml. */
export function parseStructuredText(text: string, name: string): unknown {
  if (/\.ya?ml$/i.test(name)) {
    try {
      return parseYaml(text)
    } catch (error) {
      throw new UserError(`${name} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, {
        file: name
      })
    }
  }
  if (text.trim() === '')
    throw new UserError(`${name} is empty: it must hold a JSON document.`, { file: name })
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
