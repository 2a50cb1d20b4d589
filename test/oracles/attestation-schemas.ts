import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import { runPython } from './python.js'

/**
 * The oracles for what publish emits: the official CycloneDX 1.6 JSON schema (vendored, unchanged, in
 * test/fixtures/cyclonedx/) and JSON Schemas transcribed from the in-toto Statement v1, Test Result v0.1 and
 * SLSA provenance v1 documents (test/fixtures/in-toto/SOURCE.md). All draft-07, as CycloneDX 1.6 is.
 */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures')
const load = (file: string) => JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')) as object

/** RFC 3987 §3.1: an IRI becomes a URI by percent-encoding its non-ASCII characters as UTF-8. */
const asUri = (iri: string) => iri.replace(/[^\p{ASCII}]+/gu, encodeURIComponent)
const uriReference = fullFormats['uri-reference'] as (s: string) => boolean
const email = fullFormats.email as RegExp

function ajv(): Ajv {
  const instance = new Ajv({ allErrors: true, strict: false })
  ;(addFormats as unknown as (a: Ajv) => void)(instance)
  // Formats of bom-1.6.schema.json that ajv-formats lacks, checked as what they mean.
  instance.addFormat('iri-reference', (s: string) => uriReference(asUri(s)))
  instance.addFormat('idn-email', (s: string) => email.test(asUri(s)))
  return instance
}

function compile(files: string[], id: string): ValidateFunction {
  const instance = ajv()
  for (const file of files) instance.addSchema(load(file))
  const validate = instance.getSchema(id)
  if (!validate) throw new Error(`no schema ${id}`)
  return validate
}

let cyclonedx: ValidateFunction | undefined
let inToto: Ajv | undefined

export function cyclonedxValidator(): ValidateFunction {
  cyclonedx ??= compile(
    ['cyclonedx/spdx.schema.json', 'cyclonedx/jsf-0.82.schema.json', 'cyclonedx/bom-1.6.schema.json'],
    'http://cyclonedx.org/schema/bom-1.6.schema.json'
  )
  return cyclonedx
}

export type StatementSchema = 'statement-v1' | 'test-result-v0.1' | 'slsa-provenance-v1'

export function statementValidator(schema: StatementSchema): ValidateFunction {
  if (!inToto) {
    inToto = ajv()
    for (const file of ['resource-descriptor', 'statement-v1', 'test-result-v0.1', 'slsa-provenance-v1'])
      inToto.addSchema(load(`in-toto/${file}.schema.json`))
  }
  return inToto.getSchema(`https://mlci.test/in-toto/${schema}.schema.json`)!
}

/** The validator's errors, readable in a failed expectation. */
export function schemaErrors(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}`)
}

/**
 * The same schemas through a second, independent JSON Schema implementation: Python's jsonschema (Draft 7, Debian's
 * 4.10), the vendored files in its resolver's store so `$ref`s resolve offline. Gate callers with
 * `testIfPython({ jsonschema: 'python3-jsonschema' })`.
 */
export async function pythonSchemaErrors(
  schema: 'cyclonedx' | StatementSchema,
  instance: unknown
): Promise<string[]> {
  const files =
    schema === 'cyclonedx'
      ? ['cyclonedx/spdx.schema.json', 'cyclonedx/jsf-0.82.schema.json', 'cyclonedx/bom-1.6.schema.json']
      : ['resource-descriptor', 'statement-v1', 'test-result-v0.1', 'slsa-provenance-v1'].map(
          f => `in-toto/${f}.schema.json`
        )
  const root =
    schema === 'cyclonedx'
      ? 'http://cyclonedx.org/schema/bom-1.6.schema.json'
      : `https://mlci.test/in-toto/${schema}.schema.json`
  return runPython<string[]>(
    `
import json, sys
from jsonschema import Draft7Validator, RefResolver
data = json.load(sys.stdin)
store = {s["$id"]: s for s in data["schemas"]}
schema = store[data["root"]]
resolver = RefResolver(base_uri=data["root"], referrer=schema, store=store)
validator = Draft7Validator(schema, resolver=resolver, format_checker=Draft7Validator.FORMAT_CHECKER)
print(json.dumps(["/" + "/".join(map(str, e.absolute_path)) + " " + e.message for e in validator.iter_errors(data["instance"])]))
`,
    { schemas: files.map(load), root, instance }
  )
}
