import { InputReader } from '../../../shared/runner/inputs.js'
import { UserError } from '../../../shared/errors/user-error.js'
import { parseBaselineSpec, type BaselineSpec } from '../../../shared/runner/baseline-lookup.js'
import type { PredictionColumns } from '../../../shared/metrics/prediction-file.js'
import type { Task } from '../../../shared/metrics/prediction-metrics.js'

export type InconclusiveConclusion = 'neutral' | 'success' | 'failure'

export interface Inputs {
  /** Glob patterns of metric files, relative to the workspace (empty when predictions are given). */
  metrics: string[]
  /** File inputs as the user wrote them: the runner's userFiles finds and checks them. */
  predictions?: string
  task?: Task
  columns: PredictionColumns
  policy?: string
  baseline: BaselineSpec
  baselinePredictions?: string
  confidence: number
  bootstrap: number
  seed: number
  checkName: string
  /** The check conclusion of an inconclusive verdict (never blocks a merge unless set to failure). */
  inconclusiveConclusion: InconclusiveConclusion
  /** Where to write the results file (absolute), when not under RUNNER_TEMP. */
  results?: string
  token: string
}

export function getInputs(reader = new InputReader()): Inputs {
  const metrics = reader.globs('metrics')
  const predictions = reader.optionalString('predictions')
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
    policy: reader.optionalString('policy'),
    baseline: parseBaselineSpec(reader.string('baseline', { default: 'auto' })),
    baselinePredictions: reader.optionalString('baseline-predictions'),
    confidence: reader.number('confidence', { default: 0.95, min: 0.5, max: 0.999 }),
    bootstrap: reader.number('bootstrap', { default: 1000, min: 0, max: 100_000, integer: true }),
    seed: reader.number('seed', { default: 0, min: 0, max: 2 ** 32 - 1, integer: true }),
    checkName: reader.string('check-name', { default: '' }),
    inconclusiveConclusion: reader.choice<InconclusiveConclusion>(
      'inconclusive-conclusion',
      ['neutral', 'success', 'failure'],
      { default: 'neutral' }
    ),
    results: reader.path('results'),
    token: reader.string('github-token', { default: '' })
  }
}
