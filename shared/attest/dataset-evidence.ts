import { UserError } from '../errors/user-error.js'
import type { DataSource, ValidationReport } from '../validation/report.js'

/** What validate-data recorded about one dataset, read from its report or its profile. */
export interface DatasetEvidence {
  /** As the user named it in `datasets` (`name=path`), else the file's name. */
  name: string
  /** The report or profile file, as the user named it. */
  file: string
  kind: 'validation-report' | 'profile'
  /** Each data file by sha256 (validate-data's `sources`). */
  sources: DataSource[]
  rows: number
  /** The validation outcome; a profile records none. */
  validation?: { valid: boolean; failOn: ValidationReport['failOn']; errors: number; warnings: number }
}

const HEX64 = /^[0-9a-f]{64}$/

/**
 * Reads a validate-data report (`"mlciValidateData": 1`) or profile (`"mlciProfile"`) and what it says about
 * the data. Anything else, or one written before validate-data recorded digests, is the user's mistake: the
 * provenance would name a dataset it cannot identify.
 */
export function parseDatasetEvidence(name: string, text: string, file: string): DatasetEvidence {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw notEvidence(file, 'it is not JSON')
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw notEvidence(file, 'it is not a JSON object')
  const record = data as Record<string, unknown>
  const isReport = record.mlciValidateData === 1
  const isProfile = !isReport && typeof record.mlciProfile === 'number'
  if (!isReport && !isProfile)
    throw notEvidence(file, 'it has neither "mlciValidateData": 1 (a report) nor "mlciProfile" (a profile)')
  const sources = record.sources
  if (!Array.isArray(sources) || sources.length === 0)
    throw new UserError(
      `Input 'datasets': ${file} records no data file digests ("sources"): it was written by a validate-data older than this publish. Run validate-data again to name the data by digest.`,
      { file }
    )
  for (const source of sources as unknown[]) {
    const s = source as Partial<DataSource> | null
    if (
      typeof s?.file !== 'string' ||
      typeof s.sha256 !== 'string' ||
      !HEX64.test(s.sha256) ||
      !isCount(s.bytes)
    )
      throw notEvidence(
        file,
        `a "sources" entry is not {file, sha256, bytes}: ${JSON.stringify(source).slice(0, 80)}`
      )
  }
  const rows = record.rows
  if (!isCount(rows)) throw notEvidence(file, '"rows" is not a count')
  const evidence: DatasetEvidence = {
    name,
    file,
    kind: isReport ? 'validation-report' : 'profile',
    sources: (sources as DataSource[]).map(s => ({ file: s.file, sha256: s.sha256, bytes: s.bytes })),
    rows
  }
  if (isReport) {
    // A merge of shard reports keeps the digests the shards recorded: one written before they were is a gap.
    const files = Array.isArray(record.files) ? (record.files as unknown[]).map(String) : []
    const named = new Set(evidence.sources.map(s => s.file))
    const missing = files.filter(f => !named.has(f))
    if (missing.length > 0)
      throw new UserError(
        `Input 'datasets': ${file} records the digests of ${files.length - missing.length} of its ${files.length} data files (missing: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): a shard was validated by a validate-data older than this publish. Validate it again.`,
        { file }
      )
    const { valid, failOn, errors, warnings } = record
    if (
      typeof valid !== 'boolean' ||
      !isCount(errors) ||
      !isCount(warnings) ||
      !['error', 'warning', 'never'].includes(failOn as string)
    )
      throw notEvidence(file, 'its valid, failOn, errors or warnings field is missing')
    evidence.validation = { valid, failOn: failOn as ValidationReport['failOn'], errors, warnings }
  }
  return evidence
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

function notEvidence(file: string, why: string): UserError {
  return new UserError(
    `Input 'datasets': ${file} is not a validate-data report or profile (${why}). Name the file validate-data's 'report' output (or its 'profile-out') wrote.`,
    { file }
  )
}
