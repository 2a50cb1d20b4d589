import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import * as core from '@actions/core'
import { parse as parseYaml } from 'yaml'
import { expandGlobs } from '../../../shared/action/globs.js'
import { UserError } from '../../../shared/action/user-error.js'
import { locateJsonError } from '../../../shared/data/json-error.js'
import { openTable } from '../../../shared/data/table.js'
import { Profile, type ProfileState } from '../../../shared/stats/profile.js'
import { evaluateDrift, type DriftResult } from '../../../shared/validation/drift-check.js'
import { inferStarter } from '../../../shared/validation/infer.js'
import {
  countFindings,
  describeRule,
  isValid,
  renderSummary,
  type ValidationReport
} from '../../../shared/validation/report.js'
import {
  compileJsonSchema,
  isTableSchema,
  tableSchemaRules,
  type RowSchema
} from '../../../shared/validation/row-schema.js'
import { emptyRules, parseRules, type Rules } from '../../../shared/validation/rules.js'
import {
  checkRowCount,
  finishResults,
  Validator,
  type RuleResult
} from '../../../shared/validation/validator.js'
import { createCheckRun } from './check-run.js'
import { getInputs, type Inputs } from './inputs.js'

/** GitHub shows at most 10 annotations of each level per step: spend them on the largest rules. */
const ANNOTATIONS_PER_LEVEL = 10

export async function run(): Promise<void> {
  const inputs = getInputs()
  const relative = (file: string) => path.relative(inputs.workspace, file) || file
  const files = await expandGlobs('data', inputs.data, inputs.workspace)
  if (inputs.mode === 'merge') return finish(inputs, await mergeReports(inputs, files, relative))
  if (inputs.mode === 'infer') return infer(inputs, files, relative)

  const rules = inputs.rules
    ? parseRules(await readFile(inputs.rules, 'utf8'), relative(inputs.rules))
    : emptyRules()
  const schema = inputs.schema ? await loadSchema(inputs.schema, relative(inputs.schema), rules) : undefined
  const validator = new Validator(rules, schema, inputs.maxErrors)
  for (const file of files) {
    core.info(`Validating ${relative(file)}`)
    await validator.validate(await openTable(file, { format: inputs.format, displayName: relative(file) }))
  }
  const results = validator.finish()
  const drift = inputs.reference
    ? evaluateDrift(
        await loadReference(inputs, relative(inputs.reference)),
        validator.profile,
        rules.drift,
        rules.unique
      )
    : undefined
  await finish(
    inputs,
    buildReport(
      inputs,
      files.map(relative),
      validator.profile.rows,
      results,
      drift,
      validator.profile.toJSON()
    )
  )
}

function buildReport(
  inputs: Inputs,
  files: string[],
  rows: number,
  rules: RuleResult[],
  drift: DriftResult | undefined,
  profile: ProfileState
): ValidationReport {
  const { errors, warnings } = countFindings(rules, drift)
  return {
    mlciValidateData: 1,
    valid: isValid(inputs.failOn, errors, warnings),
    failOn: inputs.failOn,
    files,
    rows,
    errors,
    warnings,
    rules,
    drift,
    driftedColumns: drift?.columns.filter(c => c.drifted).map(c => c.column) ?? [],
    profile
  }
}

async function finish(inputs: Inputs, report: ValidationReport): Promise<void> {
  await writeAtomically(inputs.report, JSON.stringify(report, null, 1) + '\n')
  let profilePath = ''
  if (inputs.profileOut) {
    await writeAtomically(inputs.profileOut, JSON.stringify(report.profile) + '\n')
    profilePath = inputs.profileOut
  }
  annotate(report.rules)
  for (const column of report.drift?.columns ?? []) {
    if (column.drifted || column.warned) {
      const message = `drift in '${column.column}': ${column.method} ${column.score.toPrecision(4)} (threshold ${column.threshold})`
      if (column.drifted && column.gating) core.error(message, { title: 'mlci validate-data: drift' })
      else core.warning(message, { title: 'mlci validate-data: drift' })
    }
  }
  core.setOutput('valid', String(report.valid))
  core.setOutput('rows', String(report.rows))
  core.setOutput('errors', String(report.errors))
  core.setOutput('warnings', String(report.warnings))
  core.setOutput('drifted-columns', JSON.stringify(report.driftedColumns))
  core.setOutput('report', inputs.report)
  core.setOutput('profile', profilePath)
  const summary = renderSummary(report)
  await core.summary.addRaw(summary, true).write()
  if (inputs.checkName) await createCheckRun(inputs, report, summary)
  const verdict = `${report.rows} rows: ${report.errors} error(s), ${report.warnings} warning(s)${report.drift?.datasetDrift ? ', dataset drift' : ''}.`
  if (report.valid) core.info(`Valid: ${verdict}`)
  else
    core.setFailed(
      `The data failed validation (fail-on: ${inputs.failOn}): ${verdict} See the job summary and ${inputs.report}.`
    )
}

function annotate(rules: RuleResult[]): void {
  const failed = rules.filter(r => r.failed).sort((a, b) => b.violations - a.violations)
  for (const level of ['error', 'warning'] as const) {
    for (const rule of failed.filter(r => r.severity === level).slice(0, ANNOTATIONS_PER_LEVEL)) {
      const first = rule.samples[0]
      const properties: core.AnnotationProperties = { title: `mlci validate-data: ${rule.id}` }
      if (first?.file) {
        properties.file = first.file
        if (first.location === 'line') properties.startLine = first.line
      }
      if (level === 'error') core.error(describeRule(rule), properties)
      else core.warning(describeRule(rule), properties)
    }
  }
}

async function loadSchema(file: string, name: string, rules: Rules): Promise<RowSchema | undefined> {
  const schema = await readStructured(file, name)
  if (isTableSchema(schema)) {
    tableSchemaRules(schema as Record<string, unknown>, name, rules)
    return undefined
  }
  return compileJsonSchema(schema, name)
}

async function readStructured(file: string, name: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UserError(`${name} does not exist or cannot be read.`, { file: name })
  })
  if (/\.ya?ml$/i.test(file)) {
    try {
      return parseYaml(text)
    } catch (error) {
      throw new UserError(`${name} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, {
        file: name
      })
    }
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

async function loadReference(inputs: Inputs, name: string): Promise<Profile> {
  const file = inputs.reference!
  if (/\.json$/i.test(file)) {
    const state = (await readStructured(file, name)) as ProfileState
    if (state?.mlciProfile !== 1) {
      throw new UserError(`${name} is not a profile written by profile-out (no "mlciProfile": 1).`, {
        file: name
      })
    }
    return Profile.fromJSON(state)
  }
  const validator = new Validator(emptyRules(), undefined, 0)
  await validator.validate(await openTable(file, { format: inputs.format, displayName: name }))
  return validator.profile
}

async function infer(inputs: Inputs, files: string[], relative: (f: string) => string): Promise<void> {
  const validator = new Validator({ ...emptyRules(), rows: {} }, undefined, 0)
  for (const file of files)
    await validator.validate(await openTable(file, { format: inputs.format, displayName: relative(file) }))
  const starter = inferStarter(validator.profile)
  const dir = path.dirname(inputs.report)
  const schemaPath = inputs.schema ?? path.join(dir, 'schema.json')
  const rulesPath = inputs.rules ?? path.join(dir, 'rules.yml')
  const profilePath = inputs.profileOut ?? path.join(dir, 'profile.json')
  await writeAtomically(schemaPath, JSON.stringify(starter.schema, null, 2) + '\n')
  await writeAtomically(rulesPath, starter.rules)
  await writeAtomically(profilePath, JSON.stringify(validator.profile.toJSON()) + '\n')
  await finish(
    { ...inputs, profileOut: profilePath },
    buildReport(
      inputs,
      files.map(relative),
      validator.profile.rows,
      validator.finish(),
      undefined,
      validator.profile.toJSON()
    )
  )
  core.info(`Inferred ${relative(schemaPath)}, ${relative(rulesPath)} and ${relative(profilePath)}.`)
}

async function mergeReports(
  inputs: Inputs,
  files: string[],
  relative: (f: string) => string
): Promise<ValidationReport> {
  const profile = new Profile()
  const rules = new Map<string, RuleResult>()
  const names: string[] = []
  let examplesLeft = inputs.maxErrors
  for (const file of files) {
    const report = (await readStructured(file, relative(file))) as ValidationReport
    if (report?.mlciValidateData !== 1) {
      throw new UserError(`${relative(file)} is not a validate-data report (no "mlciValidateData": 1).`, {
        file: relative(file)
      })
    }
    names.push(...report.files)
    profile.merge(Profile.fromJSON(report.profile))
    for (const rule of report.rules) {
      const mine = rules.get(rule.id)
      const samples = rule.samples.slice(0, Math.max(examplesLeft, mine ? 0 : 1))
      examplesLeft = Math.max(0, examplesLeft - samples.length)
      if (!mine) rules.set(rule.id, { ...rule, samples })
      else {
        mine.considered += rule.considered
        mine.violations += rule.violations
        mine.samples.push(...samples)
      }
    }
  }
  // Row counts are rechecked on the whole: per-shard verdicts do not add up.
  rules.delete('rows')
  const parsed = inputs.rules
    ? parseRules(await readFile(inputs.rules, 'utf8'), relative(inputs.rules))
    : undefined
  const drift = inputs.reference
    ? evaluateDrift(
        await loadReference(inputs, relative(inputs.reference)),
        profile,
        parsed?.drift,
        parsed?.unique
      )
    : undefined
  const merged = finishResults([...rules.values()])
  const rowRule = parsed ? checkRowCount(parsed.rows, profile.rows) : undefined
  if (rowRule) merged.push(...finishResults([rowRule]))
  return buildReport(inputs, names, profile.rows, merged, drift, profile.toJSON())
}

/** Write to a temporary file then rename: a reader never sees half a report. */
async function writeAtomically(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, content)
  await rename(temporary, file)
}
