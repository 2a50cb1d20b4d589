import * as log from '../../../shared/runner/log.js'
import { loadMetricFiles } from '../../../shared/runner/metric-files.js'
import type { RunContext } from '../../../shared/runner/run-context.js'
import type { UserFiles } from '../../../shared/runner/user-files.js'
import { toMetricSet } from '../../../shared/metrics/metric-file.js'
import { readPredictionFile, type PredictionFile } from '../../../shared/metrics/prediction-file.js'
import { evaluatePredictions, evaluateSlices } from '../../../shared/metrics/prediction-metrics.js'
import type { Candidate } from '../../../shared/metrics/results.js'
import type { Inputs } from './inputs.js'

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
