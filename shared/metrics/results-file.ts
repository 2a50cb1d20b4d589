import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { UserError } from '../errors/user-error.js'
import { locateJsonError } from '../data/json-error.js'
import type { Results } from './results.js'
// One copy of the schema: ncc inlines the JSON module into the bundles (a createRequire would not be).
import schema from './results.schema.json' with { type: 'json' }

export const RESULTS_SCHEMA_ID = schema.$id

/** An Ajv that knows the results schema, so other schemas can `$ref` its definitions (metrics, slices). */
export function resultsAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  ;(addFormats as unknown as (instance: Ajv2020) => void)(ajv)
  ajv.addSchema(schema)
  return ajv
}

let validate: ReturnType<Ajv2020['compile']> | undefined

/** Reads a results file that evaluate wrote, refusing anything that does not match its schema. */
export function parseResultsFile(text: string, file: string): Results {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const at = locateJsonError(text)
    throw new UserError(
      `${file}${at ? `:${at.line}:${at.column}` : ''}: not valid JSON (${(error as Error).message}).`,
      {
        file,
        line: at?.line
      }
    )
  }
  validate ??= resultsAjv().getSchema(RESULTS_SCHEMA_ID)
  if (!validate || !validate(data)) {
    const problems = (validate?.errors ?? []).slice(0, 3).map(e => `${e.instancePath || '/'} ${e.message}`)
    throw new UserError(
      `${file} is not an mlci evaluate results file (schema version 1): ${problems.join('; ')}. ` +
        "Point 'results' at the file evaluate's 'results' output names.",
      { file }
    )
  }
  return data as Results
}
