import * as log from '../../../shared/runner/log.js'
import { UserError } from '../../../shared/errors/user-error.js'
import { loadMetricFiles } from '../../../shared/runner/metric-files.js'
import type { RunContext } from '../../../shared/runner/run-context.js'
import type { UserFiles } from '../../../shared/runner/user-files.js'
import { toMetricSet } from '../../../shared/metrics/metric-file.js'
import { readPredictionFile, type PredictionFile } from '../../../shared/metrics/prediction-file.js'
import { evaluatePredictions, evaluateSlices } from '../../../shared/metrics/prediction-metrics.js'
import type { Candidate } from '../../../shared/metrics/results.js'
import type { Inputs } from './inputs.js'
import type { TaskPredictions } from '../../../shared/metrics/prediction-metrics.js'

function labelOf(predictions: TaskPredictions, row: number): string | number {
  return predictions.task === 'multiclass'
    ? predictions.data.classNames[predictions.data.labels[row]]
    : predictions.data.labels[row]
}

export interface LoadedCandidate {
  candidate: Candidate
  predictions?: PredictionFile
}

/** The candidate's metrics: from metric files as they are, or computed from predictions with intervals and slices. */
export async function loadCandidate(
  inputs: Inputs,
  run: RunContext,
  files: UserFiles
): Promise<LoadedCandidate> {
  if (inputs.predictions === undefined) {
    const { files: names, metrics: flat } = await loadMetricFiles('metrics', inputs.metrics, run)
    log.info`Read ${Object.keys(flat).length} metric(s) from ${names.length} file(s).`
    return { candidate: { source: 'metrics', files: names, metrics: toMetricSet(flat) } }
  }
  const predictions = await readPredictions('predictions', inputs.predictions, inputs, files)
  const options = { resamples: inputs.bootstrap, confidence: inputs.confidence, seed: inputs.seed }
  const started = Date.now()
  const metrics = evaluatePredictions(predictions.predictions, options)
  const slices = Object.entries(predictions.slices).map(([column, values]) => ({
    column,
    values: evaluateSlices(predictions.predictions, values, options)
  }))
  log.info`Computed ${Object.keys(metrics).length} ${predictions.predictions.task} metric(s) on ${predictions.predictions.data.labels.length} example(s) with ${inputs.bootstrap} bootstrap resample(s) in ${Date.now() - started} ms.`
  return {
    candidate: {
      source: 'predictions',
      files: [predictions.file],
      task: predictions.predictions.task,
      examples: predictions.predictions.data.labels.length,
      confidence: inputs.confidence,
      bootstrap: inputs.bootstrap,
      seed: inputs.seed,
      metrics,
      ...(slices.length > 0 ? { slices } : {})
    },
    predictions
  }
}

export async function readPredictions(
  input: 'predictions' | 'baseline-predictions',
  raw: string,
  inputs: Inputs,
  files: UserFiles
): Promise<PredictionFile> {
  const file = await files.locate(input, raw)
  return readPredictionFile(file.path, file.name, inputs.columns, inputs.task)
}

/**
 * Paired tests need both files to describe the same examples, in the same order: the same id (when given) and
 * the same label on every row. Labels are compared by name, as each file numbers its classes on its own (the
 * candidate may predict a class the baseline never does).
 */
export function checkPaired(candidate: PredictionFile, baseline: PredictionFile): void {
  const n = candidate.predictions.data.labels.length
  const m = baseline.predictions.data.labels.length
  if (n !== m) {
    throw new UserError(
      `${baseline.file} has ${m} example(s) but ${candidate.file} has ${n}: paired tests need the baseline's predictions on the same examples.`,
      { file: baseline.file }
    )
  }
  if (candidate.predictions.task !== baseline.predictions.task) {
    throw new UserError(
      `${baseline.file} reads as a ${baseline.predictions.task} task but ${candidate.file} as ${candidate.predictions.task}: set the task input.`,
      { file: baseline.file }
    )
  }
  for (let row = 0; row < n; row++) {
    if (candidate.ids && baseline.ids && candidate.ids[row] !== baseline.ids[row]) {
      throw new UserError(
        `${baseline.file}: example ${row + 1} has id '${baseline.ids[row]}' where ${candidate.file} has '${candidate.ids[row]}': both files must list the same examples in the same order.`,
        { file: baseline.file }
      )
    }
    if (labelOf(candidate.predictions, row) !== labelOf(baseline.predictions, row)) {
      throw new UserError(
        `${baseline.file}: example ${row + 1} has a different label than in ${candidate.file}: both files must list the same examples in the same order.`,
        { file: baseline.file }
      )
    }
  }
}
