import * as path from 'node:path'
import * as log from '../../../shared/runner/log.js'
import { UserError } from '../../../shared/errors/user-error.js'
import { digestFile } from '../../../shared/registry/file-digest.js'
import { writeFileAtomically } from '../../../shared/io/atomic-write.js'
import { expandGlobs } from '../../../shared/runner/globs.js'
import { readRunContext, type RunContext } from '../../../shared/runner/run-context.js'
import { setOutputs, writeJobSummary } from '../../../shared/runner/step-output.js'
import { userFiles, type UserFiles } from '../../../shared/runner/user-files.js'
import {
  Profile,
  PROFILE_VERSION,
  profileStateProblem,
  type ProfileState
} from '../../../shared/stats/profile.js'
import { evaluateDrift, type DriftResult } from '../../../shared/validation/drift-check.js'
import { inferStarter } from '../../../shared/validation/infer.js'
import {
  countFindings,
  describeRule,
  isValid,
  renderSummary,
  type DataSource,
  type ValidationReport
} from '../../../shared/validation/report.js'
import { parseRules } from '../../../shared/validation/rules.js'
import { mergeShardReports } from '../../../shared/validation/shard-merge.js'
import { parseStructuredText } from '../../../shared/validation/structured-file.js'
import {
  loadRules,
  type NamedFile,
  type ValidationJob,
  type ValidationOutcome
} from '../../../shared/validation/validate-files.js'
import type { DataRuleResult } from '../../../shared/validation/data-rule-result.js'
import { getInputs, type Inputs } from './inputs.js'
import { runValidationJob } from './validation-worker.js'

/** `entry` is the bundle's entry file, which the validation worker runs again. */
export async function run(entry: URL): Promise<void> {
  const runJob: JobRunner = job => runValidationJob(job, entry)
  const context = readRunContext()
  const inputs = getInputs(context)
  const files = userFiles(context)
  // Where the report and profile go is checked before the data is read, not after.
  await files.output('report', inputs.report)
  if (inputs.profileOut) await files.output('profile-out', inputs.profileOut)
  const data = await Promise.all(
    (await expandGlobs('data', inputs.data, context.workspace)).map(file => files.locate('data', file))
  )
  if (inputs.mode === 'infer') return infer(inputs, context, data, files, runJob)
  const rulesFile = inputs.rules ? await files.locate('rules', inputs.rules) : undefined
  const schemaFile = inputs.schema ? await files.locate('schema', inputs.schema) : undefined
  if (inputs.mode === 'merge')
    return finish(inputs, context, await mergeReports(inputs, data, rulesFile, files, runJob))
  const job: ValidationJob = {
    files: data,
    format: inputs.format,
    rules: rulesFile,
    schema: schemaFile,
    maxErrors: inputs.maxErrors,
    purpose: 'validate',
    // Drift is computed on the exact values where they fit in memory (KEPT_VALUES_BUDGET).
    keepValues: inputs.reference !== undefined
  }

  // Read the rules (and a Table Schema) here first: their mistakes are reported before any data is read.
  // The worker compiles a JSON Schema (and reports its mistakes) before it reads any data.
  const { rules } = await loadRules(job, { compile: false })
  // runner/log.ts needs no @actions/core: that (and the HTTP client it imports, ~30 MB resident) is loaded
  // only once the data has been read, so it does not add to the validation's peak memory.
  log.info`Validating ${data.map(f => f.name).join(', ')}`
  const started = performance.now()
  // Hashed while the worker validates: the digests name what was validated (publish's provenance and ML-BOM).
  const [outcome, sources] = await Promise.all([runJob(job), digestSources(data)])
  const seconds = (performance.now() - started) / 1000
  log.info`Read ${outcome.rows.toLocaleString('en')} rows in ${seconds.toFixed(2)} s (${Math.round(outcome.rows / seconds).toLocaleString('en')} rows/s)`
  const drift = inputs.reference
    ? evaluateDrift(
        await loadReference(inputs, inputs.reference, files, runJob),
        profileOf(outcome),
        rules.drift,
        rules.unique
      )
    : undefined
  await finish(
    inputs,
    context,
    buildReport(inputs, data, sources, outcome.rows, outcome.results, drift, outcome.profile)
  )
}

/** sha256 and size of each data file, as sha256sum prints them. */
async function digestSources(data: NamedFile[]): Promise<DataSource[]> {
  const sources: DataSource[] = []
  for (const file of data) {
    const { digest, size } = await digestFile(file.path)
    sources.push({ file: file.name, sha256: digest.slice('sha256:'.length), bytes: size })
  }
  return sources
}

/** Runs validation jobs in worker threads started from the bundle's entry file. */
type JobRunner = (job: ValidationJob) => Promise<ValidationOutcome>

function buildReport(
  inputs: Inputs,
  files: NamedFile[] | string[],
  sources: DataSource[],
  rows: number,
  rules: DataRuleResult[],
  drift: DriftResult | undefined,
  profile: ProfileState
): ValidationReport {
  const { errors, warnings } = countFindings(rules, drift)
  return {
    mlciValidateData: 1,
    valid: isValid(inputs.failOn, errors, warnings),
    failOn: inputs.failOn,
    files: files.map(f => (typeof f === 'string' ? f : f.name)),
    sources,
    rows,
    errors,
    warnings,
    rules,
    drift,
    driftedColumns: drift?.columns.filter(c => c.drifted).map(c => c.column) ?? [],
    profile
  }
}

async function finish(inputs: Inputs, context: RunContext, report: ValidationReport): Promise<void> {
  await writeFileAtomically(inputs.report, JSON.stringify(report, null, 1) + '\n')
  let profilePath = ''
  if (inputs.profileOut) {
    // The profile names the files it describes by digest too; readers of profiles ignore the extra key.
    await writeFileAtomically(
      inputs.profileOut,
      JSON.stringify({ ...report.profile, sources: report.sources }) + '\n'
    )
    profilePath = inputs.profileOut
  }
  annotate(report.rules)
  for (const column of report.drift?.columns ?? []) {
    if (column.drifted || column.warned) {
      const message = log.text`drift in '${column.column}': ${column.method} ${column.score.toPrecision(4)} (threshold ${column.threshold})`
      if (column.drifted && column.gating) log.error(message, { title: 'mlci validate-data: drift' })
      else log.warning(message, { title: 'mlci validate-data: drift' })
    }
  }
  for (const column of report.drift?.unscored ?? []) {
    // A column with its own fail rule and no score is an error (countFindings), so it is annotated as one.
    if (column.gating)
      log.error(log.text`drift in '${column.column}' cannot be scored: ${column.reason}`, {
        title: 'mlci validate-data: drift'
      })
  }
  await setOutputs({
    valid: String(report.valid),
    rows: String(report.rows),
    errors: String(report.errors),
    warnings: String(report.warnings),
    'drifted-columns': JSON.stringify(report.driftedColumns),
    report: inputs.report,
    profile: profilePath
  })
  const summary = renderSummary(report)
  await writeJobSummary(summary)
  if (inputs.checkName) {
    // Octokit is loaded only when a check run is asked for (it also keeps the validation worker lean).
    const { createCheckRun } = await import('./check-run.js')
    await createCheckRun(inputs, context, report, summary)
  }
  const verdict = `${report.rows} rows: ${report.errors} error(s), ${report.warnings} warning(s)${report.drift?.datasetDrift ? ', dataset drift' : ''}.`
  if (report.valid) log.info`Valid: ${verdict}`
  else
    log.fail`The data failed validation (fail-on: ${inputs.failOn}): ${verdict} See the job summary and ${inputs.report}.`
}

function annotate(rules: DataRuleResult[]): void {
  const failed = rules.filter(r => r.failed).sort((a, b) => b.violations - a.violations)
  for (const level of ['error', 'warning'] as const) {
    // All of them, the most violated first: the log shows as many as GitHub keeps as annotations (runner/log.ts).
    for (const rule of failed.filter(r => r.severity === level)) {
      const first = rule.samples[0]
      const properties: log.AnnotationProperties = { title: `mlci validate-data: ${rule.id}` }
      if (first?.file) {
        properties.file = first.file
        if (first.location === 'line') properties.startLine = first.line
      }
      if (level === 'error') log.error(log.text`${describeRule(rule)}`, properties)
      else log.warning(log.text`${describeRule(rule)}`, properties)
    }
  }
}

/** A profile file (JSON with "mlciProfile") or a dataset, profiled the same way as the data. */
async function loadReference(
  inputs: Inputs,
  raw: string,
  files: UserFiles,
  runJob: JobRunner
): Promise<Profile> {
  if (/\.json$/i.test(raw)) {
    const file = await files.read('reference', raw)
    const state = parseStructuredText(file.text, file.name) as ProfileState
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
    const problem = profileStateProblem(state)
    if (problem) {
      throw new UserError(
        `${file.name} cannot be a drift reference: ${problem}. Write it again with profile-out (or mode: infer) from the reference data.`,
        { file: file.name }
      )
    }
    return Profile.fromJSON(state)
  }
  const file = await files.locate('reference', raw)
  const outcome = await runJob({
    files: [file],
    format: inputs.format,
    maxErrors: 0,
    purpose: 'profile',
    keepValues: true
  })
  return profileOf(outcome)
}

/** The profile of a validation job, with the values it kept for drift. */
function profileOf(outcome: ValidationOutcome): Profile {
  const profile = Profile.fromJSON(outcome.profile)
  profile.attachKeptValues(outcome.values)
  return profile
}

async function infer(
  inputs: Inputs,
  context: RunContext,
  data: NamedFile[],
  files: UserFiles,
  runJob: JobRunner
): Promise<void> {
  // In mode infer, schema and rules name where to write the starters (beside the report unless given): checked
  // before the data is read, as every output is.
  const dir = path.dirname(inputs.report)
  const output = (input: string, raw: string | undefined, fallback: string) =>
    raw === undefined ? Promise.resolve(path.join(dir, fallback)) : files.output(input, raw)
  const schemaPath = await output('schema', inputs.schema, 'schema.json')
  const rulesPath = await output('rules', inputs.rules, 'rules.yml')
  const job: ValidationJob = {
    files: data,
    format: inputs.format,
    maxErrors: inputs.maxErrors,
    purpose: 'infer'
  }
  const [outcome, sources] = await Promise.all([runJob(job), digestSources(data)])
  const profile = Profile.fromJSON(outcome.profile)
  const starter = inferStarter(profile)
  const profilePath = inputs.profileOut ?? path.join(dir, 'profile.json')
  await writeFileAtomically(schemaPath, JSON.stringify(starter.schema, null, 2) + '\n')
  await writeFileAtomically(rulesPath, starter.rules)
  await finish(
    { ...inputs, profileOut: profilePath },
    context,
    buildReport(inputs, job.files, sources, outcome.rows, [], undefined, outcome.profile)
  )
  const shown = (file: string) => path.relative(context.workspace, file) || file
  log.info`Inferred ${shown(schemaPath)}, ${shown(rulesPath)} and ${shown(profilePath)}.`
}

async function mergeReports(
  inputs: Inputs,
  reports: NamedFile[],
  rulesFile: NamedFile | undefined,
  files: UserFiles,
  runJob: JobRunner
): Promise<ValidationReport> {
  const shards = await Promise.all(
    reports.map(async ({ path: file }) => {
      const { name, text } = await files.read('data', file)
      return { name, report: parseStructuredText(text, name) }
    })
  )
  const rules = rulesFile
    ? parseRules((await files.read('rules', rulesFile.path)).text, rulesFile.name)
    : undefined
  const merged = mergeShardReports(shards, rules, inputs.maxErrors)
  const drift = inputs.reference
    ? evaluateDrift(
        await loadReference(inputs, inputs.reference, files, runJob),
        merged.profile,
        rules?.drift,
        rules?.unique
      )
    : undefined
  return buildReport(
    inputs,
    merged.files,
    merged.sources,
    merged.profile.rows,
    merged.rules,
    drift,
    merged.profile.toJSON()
  )
}
