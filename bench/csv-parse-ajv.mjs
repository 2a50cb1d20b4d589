// The Node peer of bench/validate-data.mjs: csv-parse streaming rows as objects, each validated by ajv
// against the same JSON Schema (coerceTypes, allErrors, as mlci compiles it), plus a Set of ids for the
// uniqueness check. Prints {"seconds", "bad"} on stdout.
// Usage: node bench/csv-parse-ajv.mjs data.csv schema.json
import { createReadStream, readFileSync } from 'node:fs'
import { parse } from 'csv-parse'
import Ajv from 'ajv'

const [data, schemaFile] = process.argv.slice(2)
const started = performance.now()
const ajv = new Ajv({ allErrors: true, coerceTypes: true, strict: false })
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')))
let bad = 0
const ids = new Set()
const parser = createReadStream(data).pipe(parse({ columns: true }))
for await (const row of parser) {
  // CSV has no nulls: an empty cell is one, as mlci's default missing value says.
  for (const key in row) if (row[key] === '') row[key] = null
  if (ids.has(row.id)) bad++
  else ids.add(row.id)
  if (!validate(row)) bad++
}
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, bad }))
