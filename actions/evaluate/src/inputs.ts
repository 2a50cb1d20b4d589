import { InputReader } from '../../../shared/action/inputs.js'
import { UserError } from '../../../shared/action/user-error.js'
import type { PredictionColumns } from '../../../shared/metrics/prediction-file.js'
import type { Task } from '../../../shared/metrics/prediction-metrics.js'

export type BaselineSpec =
  | { kind: 'auto' }
  | { kind: 'none' }
  | { kind: 'file'; path: string; name: string }
  | { kind: 'git'; ref: string; path: string }

export interface Inputs {
  /** Glob patterns of metric files, relative to the workspace (empty when predictions are given). */
  metrics: string[]
  predictions?: { path: string; name: string }
  task?: Task
  columns: PredictionColumns
  policy?: { path: string; name: string }
  baseline: BaselineSpec
  baselinePredictions?: { path: string; name: string }
  confidence: number
  bootstrap: number
  seed: number
  checkName: string
  results?: string
  token: string
  workspace: string
}

export function getInputs(reader = new InputReader()): Inputs {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  const file = (name: string | undefined, resolved: string | undefined) =>
    name === undefined || resolved === undefined ? undefined : { path: resolved, name }
  const metrics = reader.globs('metrics')
  const predictions = file(reader.optionalString('predictions'), reader.path('predictions'))
  if (metrics.length === 0 && predictions === undefined) {
    throw new UserError(
      "Give either 'metrics' (metric files) or 'predictions' (a per-example predictions table)."
    )
  }
  if (metrics.length > 0 && predictions !== undefined) {
    throw new UserError("Give 'metrics' or 'predictions', not both: the metrics would be ambiguous.")
  }
  const scoreColumns = reader.list('score-columns')
  const task = reader.optionalString('task')
  return {
    metrics,
    predictions,
    task:
      task === undefined
        ? undefined
        : reader.choice<Task>('task', ['binary', 'multiclass', 'regression'], { default: 'binary' }),
    columns: {
      label: reader.string('label-column', { default: 'label' }),
      prediction: reader.string('prediction-column', { default: 'prediction' }),
      score: reader.optionalString('score-column'),
      scores: scoreColumns.length > 0 ? scoreColumns : undefined,
      slices: reader.list('slice-columns'),
      id: reader.optionalString('id-column')
    },
    policy: file(reader.optionalString('policy'), reader.path('policy')),
    baseline: parseBaseline(reader.string('baseline', { default: 'auto' }), workspace),
    baselinePredictions: file(
      reader.optionalString('baseline-predictions'),
      reader.path('baseline-predictions')
    ),
    confidence: reader.number('confidence', { default: 0.95, min: 0.5, max: 0.999 }),
    bootstrap: reader.number('bootstrap', { default: 1000, min: 0, max: 100_000, integer: true }),
    seed: reader.number('seed', { default: 0, min: 0, max: 2 ** 32 - 1, integer: true }),
    checkName: reader.string('check-name', { default: '' }),
    results: reader.path('results'),
    token: reader.string('github-token', { default: '' }),
    workspace
  }
}

function parseBaseline(raw: string, workspace: string): BaselineSpec {
  if (raw === 'auto' || raw === 'none') return { kind: raw }
  if (raw.startsWith('git:')) {
    const match = /^git:([^:]+):(.+)$/.exec(raw)
    if (!match)
      throw new UserError(
        `Input 'baseline' must look like git:<ref>:<path>, for example git:origin/main:metrics.json; got '${raw}'.`
      )
    return { kind: 'git', ref: match[1], path: match[2] }
  }
  return { kind: 'file', name: raw, path: raw.startsWith('/') ? raw : `${workspace}/${raw}` }
}
