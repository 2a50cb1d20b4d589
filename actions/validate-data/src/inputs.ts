import { InputReader } from '../../../shared/runner/inputs.js'
import { requireToken } from '../../../shared/runner/github-token.js'
import type { RunContext } from '../../../shared/runner/run-context.js'
import { TABLE_FORMATS, type TableFormat } from '../../../shared/data/table.js'

type Mode = 'validate' | 'infer' | 'merge'
type FailOn = 'error' | 'warning' | 'never'

export interface Inputs {
  data: string[]
  format: TableFormat | 'auto'
  /** As the user wrote them: read through the runner's userFiles (in mode infer, where to write them). */
  schema?: string
  rules?: string
  reference?: string
  /** Output paths, absolute. */
  profileOut?: string
  mode: Mode
  maxErrors: number
  failOn: FailOn
  report: string
  checkName?: string
  token: string
}

export function getInputs(run: RunContext, reader = new InputReader(undefined, run.workspace)): Inputs {
  const checkName = reader.optionalString('check-name')
  const token = reader.string('github-token')
  // Checked before any data is read: the check run comes last.
  if (checkName !== undefined)
    requireToken(
      token,
      `check-name '${checkName}' (the check run a branch rule can require; remove it to skip)`,
      'checks: write'
    )
  return {
    data: reader.globs('data', { required: true }),
    format: reader.choice('format', ['auto', ...TABLE_FORMATS], { default: 'auto' }),
    schema: reader.optionalString('schema'),
    rules: reader.optionalString('rules'),
    reference: reader.optionalString('reference'),
    profileOut: reader.path('profile-out'),
    mode: reader.choice('mode', ['validate', 'infer', 'merge'], { default: 'validate' }),
    maxErrors: reader.number('max-errors', { default: 1000, min: 0, integer: true }),
    failOn: reader.choice('fail-on', ['error', 'warning', 'never'], { default: 'error' }),
    report: reader.path('report') ?? `${run.runnerTemp}/mlci-validate-data/report.json`,
    checkName,
    token
  }
}
