import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { REPO_ROOT } from '../harness/run-action.js'

const schema = JSON.parse(readFileSync(`${REPO_ROOT}/shared/metrics/results.schema.json`, 'utf8'))
const ajv = new Ajv2020({ allErrors: true, strict: true })
;(addFormats as unknown as (instance: Ajv2020) => void)(ajv)
const validate = ajv.compile(schema)

/** The errors of a results file against shared/metrics/results.schema.json; [] when it conforms. */
export function resultsSchemaErrors(file: string): string[] {
  const ok = validate(JSON.parse(readFileSync(file, 'utf8')))
  return ok ? [] : (validate.errors ?? []).map(error => `${error.instancePath} ${error.message}`)
}
