import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import type * as Core from '@actions/core'
import { expandGlobs } from '../../../shared/action/globs.js'
import { UserError } from '../../../shared/action/user-error.js'
import { Profile, PROFILE_VERSION, type ProfileState } from '../../../shared/stats/profile.js'
import { evaluateDrift, type DriftResult } from '../../../shared/validation/drift-check.js'
import { inferStarter } from '../../../shared/validation/infer.js'
import {
  countFindings,
  describeRule,
  isValid,
  renderSummary,
  type ValidationReport
} from '../../../shared/validation/report.js'
import { parseRules, type Rules } from '../../../shared/validation/rules.js'
import { readStructuredFile } from '../../../shared/validation/structured-file.js'
import {
  loadRules,
  type NamedFile,
  type ValidationJob,
  type ValidationOutcome
} from '../../../shared/validation/validate-files.js'
import {
  checkNullFractions,
  checkRowCount,
  finishResults,
  type RuleResult
} from '../../../shared/validation/validator.js'
import { getInputs, type Inputs } from './inputs.js'
import { runValidationJob } from './validation-worker.js'

/** GitHub shows at most 10 annotations of each level per step: spend them on the largest rules. */
const ANNOTATIONS_PER_LEVEL = 10

/** `entry` is the bundle's entry file, which the validation worker runs again. */
export async function run(entry: URL): Promise<void> {
  const runJob: JobRunner = job => runValidationJob(job, entry)
  const inputs = getInputs()
  const named = (file: string): NamedFile => ({
    path: file,
    name: path.relative(inputs.workspace, file) || file
  })
  const files = (await expandGlobs('data', inputs.data, inputs.workspace)).map(named)
  const rulesFile = inputs.rules ? named(inputs.rules) : undefined
  const schemaFile = inputs.schema ? named(inputs.schema) : undefined
  if (inputs.mode === 'merge')
    return finish(inputs, await mergeReports(inputs, files, rulesFile, named, runJob))
  const job: ValidationJob = {
    files,
    format: inputs.format,
    rules: rulesFile,
    schema: schemaFile,
    maxErrors: inputs.maxErrors,
    purpose: inputs.mode === 'infer' ? 'infer' : 'validate'
  }
  if (inputs.mode === 'infer') return infer(inputs, job, named, runJob)

  // Read the rules (and a Table Schema) here first: their mistakes are reported before any data is read.
  // The worker compiles a JSON Schema (and reports its mistakes) before it reads any data.
  const { rules } = await loadRules(job, { compile: false })
  // Plain stdout, as core.info writes it: @actions/core (and the HTTP client it imports, ~30 MB resident)
  // is loaded only once the data has been read, so it does not add to the validation's peak memory.
  process.stdout.write(`Validating ${files.map(f => f.name).join(', ')}\n`)
  const started = performance.now()
  const outcome = await runJob(job)
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(
    `Read ${outcome.rows.toLocaleString('en')} rows in ${seconds.toFixed(2)} s (${Math.round(outcome.rows / seconds).toLocaleString('en')} rows/s)\n`
  )
  const drift = inputs.reference
    ? evaluateDrift(
        await loadReference(inputs, named(inputs.reference), runJob),
        Profile.fromJSON(outcome.profile),
        rules.drift,
        rules.unique
      )
    : undefined
  await finish(inputs, buildReport(inputs, files, outcome.rows, outcome.results, drift, outcome.profile))
}

/** Runs validation jobs in worker threads started from the bundle's entry file. */
type JobRunner = (job: ValidationJob) => Promise<ValidationOutcome>

function buildReport(
  inputs: Inputs,
  files: NamedFile[] | string[],
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
    files: files.map(f => (typeof f === 'string' ? f : f.name)),
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
  const core = await import('@actions/core')
  await writeAtomically(inputs.report, JSON.stringify(report, null, 1) + '\n')
  let profilePath = ''
  if (inputs.profileOut) {
    await writeAtomically(inputs.profileOut, JSON.stringify(report.profile) + '\n')
    profilePath = inputs.profileOut
  }
  annotate(core, report.rules)
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
  if (inputs.checkName) {
    // Octokit is loaded only when a check run is asked for (it also keeps the validation worker lean).
    const { createCheckRun } = await import('./check-run.js')
    await createCheckRun(inputs, report, summary)
  }
  const verdict = `${report.rows} rows: ${report.errors} error(s), ${report.warnings} warning(s)${report.drift?.datasetDrift ? ', dataset drift' : ''}.`
  if (report.valid) core.info(`Valid: ${verdict}`)
  else
    core.setFailed(
      `The data failed validation (fail-on: ${inputs.failOn}): ${verdict} See the job summary and ${inputs.report}.`
    )
}

function annotate(core: typeof Core, rules: RuleResult[]): void {
  const failed = rules.filter(r => r.failed).sort((a, b) => b.violations - a.violations)
  for (const level of ['error', 'warning'] as const) {
    for (const rule of failed.filter(r => r.severity === level).slice(0, ANNOTATIONS_PER_LEVEL)) {
      const first = rule.samples[0]
      const properties: Core.AnnotationProperties = { title: `mlci validate-data: ${rule.id}` }
      if (first?.file) {
        properties.file = first.file
        if (first.location === 'line') properties.startLine = first.line
      }
      if (level === 'error') core.error(describeRule(rule), properties)
      else core.warning(describeRule(rule), properties)
    }
  }
}

/** A profile file (JSON with "mlciProfile") or a dataset, profiled the same way as the data. */
async function loadReference(inputs: Inputs, file: NamedFile, runJob: JobRunner): Promise<Profile> {
  if (/\.json$/i.test(file.path)) {
    const state = (await readStructuredFile(file.path, file.name)) as ProfileState
    if (typeof state?.mlciProfile === 'number' && state.mlciProfile !== PROFILE_VERSION) {
      throw new UserError(
        `${file.name} is a profile of version ${state.mlciProfile}; this mlci reads version ${PROFILE_VERSION}. Write it again with profile-out (or mode: infer) from the reference data.`,
        { file: file.name }
      )
    }
    if (state?.mlciProfile !== PROFILE_VERSION) {
      throw new UserError(`${file.name} is not a profile written by profile-out (no "mlciProfile").`, {
        file: file.name
      })
    }
    return Profile.fromJSON(state)
  }
  const outcome = await runJob({ files: [file], format: inputs.format, maxErrors: 0, purpose: 'profile' })
  return Profile.fromJSON(outcome.profile)
}

async function infer(
  inputs: Inputs,
  job: ValidationJob,
  named: (f: string) => NamedFile,
  runJob: JobRunner
): Promise<void> {
  const outcome = await runJob(job)
  const profile = Profile.fromJSON(outcome.profile)
  const starter = inferStarter(profile)
  const dir = path.dirname(inputs.report)
  const schemaPath = inputs.schema ?? path.join(dir, 'schema.json')
  const rulesPath = inputs.rules ?? path.join(dir, 'rules.yml')
  const profilePath = inputs.profileOut ?? path.join(dir, 'profile.json')
  await writeAtomically(schemaPath, JSON.stringify(starter.schema, null, 2) + '\n')
  await writeAtomically(rulesPath, starter.rules)
  await finish(
    { ...inputs, profileOut: profilePath },
    buildReport(inputs, job.files, outcome.rows, [], undefined, outcome.profile)
  )
  const core = await import('@actions/core')
  core.info(`Inferred ${named(schemaPath).name}, ${named(rulesPath).name} and ${named(profilePath).name}.`)
}

async function mergeReports(
  inputs: Inputs,
  files: NamedFile[],
  rulesFile: NamedFile | undefined,
  named: (f: string) => NamedFile,
  runJob: JobRunner
): Promise<ValidationReport> {
  const profile = new Profile()
  const rules = new Map<string, RuleResult>()
  const names: string[] = []
  let examplesLeft = inputs.maxErrors
  for (const file of files) {
    const report = (await readStructuredFile(file.path, file.name)) as ValidationReport
    if (report?.mlciValidateData !== 1) {
      throw new UserError(`${file.name} is not a validate-data report (no "mlciValidateData": 1).`, {
        file: file.name
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
  const parsed: Rules | undefined = rulesFile
    ? parseRules(await readFile(rulesFile.path, 'utf8'), rulesFile.name)
    : undefined
  const drift = inputs.reference
    ? evaluateDrift(
        await loadReference(inputs, named(inputs.reference), runJob),
        profile,
        parsed?.drift,
        parsed?.unique
      )
    : undefined
  // As the row count, null fractions are rechecked on the merged profile (when the rules file is given).
  const wholeRules = parsed ? checkNullFractions(parsed, profile) : []
  for (const result of wholeRules) rules.delete(result.id)
  const merged = finishResults([...rules.values()])
  const rowRule = parsed ? checkRowCount(parsed.rows, profile.rows) : undefined
  if (rowRule) wholeRules.push(rowRule)
  merged.push(...finishResults(wholeRules))
  return buildReport(inputs, names, profile.rows, merged, drift, profile.toJSON())
}

/** Write to a temporary file then rename: a reader never sees half a report. */
async function writeAtomically(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, content)
  await rename(temporary, file)
}
