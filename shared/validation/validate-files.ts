import { readFile } from 'node:fs/promises'
import { openTable, type TableFormat } from '../data/table.js'
import type { ProfileState } from '../stats/profile.js'
import { isTableSchema, tableSchemaRules, type RowSchema } from './row-schema.js'
import { emptyRules, parseRules, type Rules } from './rules.js'
import { readStructuredFile } from './structured-file.js'
import type { DataRuleResult } from './data-rule-result.js'
import { Validator } from './validator.js'

/** A file as the engine opens it (`path`) and as users see it in messages (`name`). */
export interface NamedFile {
  path: string
  name: string
}

/** Everything a validation needs, as plain data: it can cross into a worker thread. */
export interface ValidationJob {
  files: NamedFile[]
  format: TableFormat | 'auto'
  rules?: NamedFile
  schema?: NamedFile
  maxErrors: number
  /** `profile` reads the data with no rules at all (a reference dataset); `infer` without the default row check. */
  purpose: 'validate' | 'profile' | 'infer'
}

export interface ValidationOutcome {
  rows: number
  results: DataRuleResult[]
  profile: ProfileState
}

/**
 * The rules file, with a Table Schema's fields folded in, and a JSON Schema compiled with ajv unless
 * `compile` is false (a caller that only needs the rules then does not load ajv: about 14 MB resident).
 */
export async function loadRules(
  job: Pick<ValidationJob, 'rules' | 'schema'>,
  { compile = true } = {}
): Promise<{ rules: Rules; schema?: RowSchema }> {
  const rules = job.rules ? parseRules(await readFile(job.rules.path, 'utf8'), job.rules.name) : emptyRules()
  if (!job.schema) return { rules }
  const schema = await readStructuredFile(job.schema.path, job.schema.name)
  if (isTableSchema(schema)) {
    tableSchemaRules(schema as Record<string, unknown>, job.schema.name, rules)
    return { rules }
  }
  if (!compile) return { rules }
  // ajv is loaded only when a JSON Schema is given.
  const { compileJsonSchema } = await import('./json-schema.js')
  return { rules, schema: compileJsonSchema(schema, job.schema.name) }
}

/** `progress` is told the rows read so far (all files) after every batch. */
export async function validateFiles(
  job: ValidationJob,
  progress?: (rows: number, file: string) => void
): Promise<ValidationOutcome> {
  const { rules, schema } =
    job.purpose === 'validate'
      ? await loadRules(job)
      : { rules: { ...emptyRules(), rows: {} }, schema: undefined }
  const validator = new Validator(rules, schema, job.purpose === 'validate' ? job.maxErrors : 0)
  for (const file of job.files) {
    const table = await openTable(file.path, { format: job.format, displayName: file.name })
    await validator.validate(table, progress && (rows => progress(rows, file.name)))
  }
  const results = job.purpose === 'validate' ? validator.finish() : []
  return { rows: validator.profile.rows, results, profile: validator.profile.toJSON() }
}
