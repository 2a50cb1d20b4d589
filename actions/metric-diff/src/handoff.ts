import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import * as log from '../../../shared/runner/log.js'
import { UserError } from '../../../shared/errors/user-error.js'
import { readZipArchive, ZipRefused } from '../../../shared/data/zip-archive.js'
import { RESULTS_SCHEMA_ID, resultsAjv } from '../../../shared/metrics/results-file.js'
import type { Comparison } from './comparison.js'

/**
 * The hand-off between a fork's read-only `pull_request` run (mode prepare) and the `workflow_run`
 * run on the default branch that may comment (mode post). Only data crosses: metric names, numbers and
 * statuses, the PR number and head SHA. The post run re-renders everything itself, so whatever the fork's
 * code wrote, the comment can hold no markdown or HTML but escaped names and numbers.
 */
export interface PreparedReport {
  version: 1
  commentKey: string
  pullNumber: number
  headSha: string
  comparison: Comparison
}

const REPORT_FILE = 'report.json'
const MAX_REPORT_BYTES = 4 * 1024 * 1024
const MAX_METRICS = 20_000

// Metric sets and slices as evaluate's results schema defines them, bounded in count and name length.
const metrics = {
  allOf: [
    { $ref: `${RESULTS_SCHEMA_ID}#/$defs/metrics` },
    { type: 'object', maxProperties: MAX_METRICS, propertyNames: { minLength: 1, maxLength: 256 } }
  ]
}
const names = (values: object) => ({
  type: 'object',
  maxProperties: MAX_METRICS,
  propertyNames: { minLength: 1, maxLength: 256 },
  additionalProperties: values
})

// Compiled on first use: direct and prepare runs never read an artifact.
const compileReportSchema = () =>
  resultsAjv().compile<PreparedReport>({
    type: 'object',
    additionalProperties: false,
    required: ['version', 'commentKey', 'pullNumber', 'headSha', 'comparison'],
    properties: {
      version: { const: 1 },
      commentKey: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
      pullNumber: { type: 'integer', minimum: 1 },
      headSha: { type: 'string', pattern: '^[0-9a-f]{40}$' },
      comparison: {
        type: 'object',
        additionalProperties: false,
        required: ['candidate', 'baseline', 'baselineSource'],
        properties: {
          candidate: metrics,
          baseline: { anyOf: [{ type: 'null' }, metrics] },
          baselineSource: { type: 'string', maxLength: 300 },
          verdict: { enum: ['pass', 'warn', 'inconclusive', 'fail'] },
          rules: names({ enum: ['pass', 'warn', 'inconclusive', 'fail'] }),
          directions: names({ enum: ['higher', 'lower', 'none'] }),
          slices: {
            allOf: [
              { $ref: `${RESULTS_SCHEMA_ID}#/$defs/candidate/properties/slices` },
              {
                type: 'array',
                maxItems: 20,
                items: { type: 'object', properties: { values: { type: 'object', maxProperties: 1000 } } }
              }
            ]
          }
        }
      }
    }
  })

let validateReport: ReturnType<typeof compileReportSchema> | undefined

function artifactName(commentKey: string): string {
  return `mlci-metric-diff-${commentKey}`
}

export async function uploadPreparedReport(report: PreparedReport, runnerTemp: string): Promise<void> {
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const dir = await mkdtemp(path.join(runnerTemp, 'mlci-metric-diff-'))
  const file = path.join(dir, REPORT_FILE)
  await writeFile(file, JSON.stringify(report))
  const { id, size } = await new DefaultArtifactClient().uploadArtifact(
    artifactName(report.commentKey),
    [file],
    dir,
    {
      retentionDays: 1
    }
  )
  log.info`Uploaded artifact ${artifactName(report.commentKey)} (id ${id}, ${size} bytes) for the post step.`
  await rm(dir, { recursive: true, force: true })
}

export interface WorkflowRunSource {
  token: string
  owner: string
  repo: string
  runId: number
}

/** Downloads the prepare step's artifact as a raw zip (never extracted to disk) and validates it. */
export async function downloadPreparedReport(
  source: WorkflowRunSource,
  commentKey: string,
  runnerTemp: string
): Promise<PreparedReport> {
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const client = new DefaultArtifactClient()
  const findBy = {
    token: source.token,
    workflowRunId: source.runId,
    repositoryOwner: source.owner,
    repositoryName: source.repo
  }
  const name = artifactName(commentKey)
  let artifact
  try {
    ;({ artifact } = await client.getArtifact(name, { findBy }))
  } catch (error) {
    throw new UserError(
      `No artifact '${name}' in workflow run ${source.runId} (${(error as Error).message.split('\n')[0]}). ` +
        `Run metric-diff with mode: prepare and comment-key: ${commentKey} in that workflow.`
    )
  }
  if (artifact.size > MAX_REPORT_BYTES)
    refuse(`it is ${artifact.size} bytes; at most ${MAX_REPORT_BYTES} accepted`)
  const dir = await mkdtemp(path.join(runnerTemp, 'mlci-metric-diff-'))
  try {
    const { digestMismatch } = await client.downloadArtifact(artifact.id, {
      path: dir,
      findBy,
      skipDecompress: true,
      expectedHash: artifact.digest
    })
    if (digestMismatch) refuse('its download does not match the digest GitHub recorded')
    const files = await readdir(dir)
    if (files.length !== 1) refuse(`expected one archive, found ${files.length} files`)
    const zip = await readFile(path.join(dir, files[0]))
    if (zip.length > MAX_REPORT_BYTES)
      refuse(`it is ${zip.length} bytes; at most ${MAX_REPORT_BYTES} accepted`)
    return parseReport(zip, commentKey)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function parseReport(zip: Buffer, commentKey: string): PreparedReport {
  validateReport ??= compileReportSchema()
  let entries
  try {
    entries = readZipArchive(zip, { maxEntries: 1, maxEntryBytes: MAX_REPORT_BYTES })
  } catch (error) {
    if (error instanceof ZipRefused) refuse(error.message)
    throw error
  }
  if (entries.length !== 1 || entries[0].name !== REPORT_FILE) {
    refuse(`expected only ${REPORT_FILE}, found ${entries.map(e => e.name).join(', ') || 'nothing'}`)
  }
  let report: unknown
  try {
    report = JSON.parse(entries[0].data.toString('utf8'))
  } catch {
    refuse(`${REPORT_FILE} is not JSON`)
  }
  if (!validateReport(report)) {
    const problems = (validateReport.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}`)
    refuse(`${REPORT_FILE} does not match its schema (${problems.slice(0, 3).join('; ')})`)
  }
  if (report.commentKey !== commentKey) {
    refuse(`it was prepared for comment-key '${report.commentKey}', not '${commentKey}'`)
  }
  return report
}

function refuse(reason: string): never {
  throw new UserError(`Refusing the prepared metric-diff artifact: ${reason}.`)
}
