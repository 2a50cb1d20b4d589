import { InputReader } from '../../../shared/action/inputs.js'
import { TABLE_FORMATS, type TableFormat } from '../../../shared/data/table.js'

export type Mode = 'validate' | 'infer' | 'merge'
export type FailOn = 'error' | 'warning' | 'never'

export interface Inputs {
  data: string[]
  format: TableFormat | 'auto'
  schema?: string
  rules?: string
  reference?: string
  profileOut?: string
  mode: Mode
  maxErrors: number
  failOn: FailOn
  report: string
  checkName?: string
  token: string
  workspace: string
}

export function getInputs(reader = new InputReader()): Inputs {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  const runnerTemp = process.env.RUNNER_TEMP || workspace
  return {
    data: reader.globs('data', { required: true }),
    format: reader.choice('format', ['auto', ...TABLE_FORMATS], { default: 'auto' }),
    schema: reader.path('schema'),
    rules: reader.path('rules'),
    reference: reader.path('reference'),
    profileOut: reader.path('profile-out'),
    mode: reader.choice('mode', ['validate', 'infer', 'merge'], { default: 'validate' }),
    maxErrors: reader.number('max-errors', { default: 1000, min: 0, integer: true }),
    failOn: reader.choice('fail-on', ['error', 'warning', 'never'], { default: 'error' }),
    report: reader.path('report') ?? `${runnerTemp}/mlci-validate-data/report.json`,
    checkName: reader.optionalString('check-name'),
    token: reader.string('github-token'),
    workspace
  }
}
