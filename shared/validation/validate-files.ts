import { readFile } from 'node:fs/promises'
import { parseConfigFile } from '../config/config-file.js'
import { openTable, type TableFormat } from '../data/table.js'
import type { ProfileState } from '../stats/profile.js'
import type { RowSchema } from './row-schema.js'
import { checkRuleColumns } from './rule-columns.js'
import { emptyRules, parseRules, type Rules } from './rules.js'
import { parseStructuredText, readStructuredText } from './structured-file.js'
import { isTableSchema, tableSchemaRules } from './table-schema.js'
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
  /** Keep the numeric columns' finite values (within KEPT_VALUES_BUDGET) so drift is computed on them. */
  keepValues?: boolean
}

export interface ValidationOutcome {
  rows: number
  results: DataRuleResult[]
  profile: ProfileState
  /** With `keepValues`: per numeric column that kept them all, its finite values (never in a profile file). */
  values?: Record<string, Float64Array>
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
  const text = await readStructuredText(job.schema.path, job.schema.name)
  const schema = parseStructuredText(text, job.schema.name)
  if (isTableSchema(schema)) {
    // Read again as a config file, for its lines: JSON is YAML.
    tableSchemaRules(parseConfigFile(text, job.schema.name), rules)
    return { rules }
  }
  if (!compile) return { rules }
  // ajv is loaded only when a JSON Schema is given.
  const { compileJsonSchema } = await import('./json-schema.js')
  return { rules, schema: compileJsonSchema(schema, job.schema.name, text) }
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
  if (job.keepValues) validator.profile.keepValues()
  // Every rule's column is checked against the columns of all the files, as soon as they are all known: at the
  // last file's header (csv, tsv) or schema (parquet), before its rows are read, or after reading it (jsonl finds
  // keys as it goes). With one csv file, a misspelt column fails before any row is read.
  const columns = new Set<string>()
  const data = job.files.length === 1 ? job.files[0].name : `any of the ${job.files.length} data files`
  const checkColumns = () => checkRuleColumns(rules, columns, data)
  for (const [index, file] of job.files.entries()) {
    const table = await openTable(file.path, { format: job.format, displayName: file.name })
    const last = index === job.files.length - 1
    const known = table.format !== 'jsonl'
    if (last && known) {
      for (const column of table.columns) columns.add(column)
      checkColumns()
    }
    await validator.validate(table, progress && (rows => progress(rows, file.name)))
    for (const column of table.columns) columns.add(column)
    if (last && !known) checkColumns()
  }
  const results = job.purpose === 'validate' ? validator.finish() : []
  const profile = validator.profile.toJSON()
  const rows = validator.profile.rows
  return job.keepValues
    ? { rows, results, profile, values: validator.profile.keptValues() }
    : { rows, results, profile }
}
