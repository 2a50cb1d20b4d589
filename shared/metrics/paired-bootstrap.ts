import { computeBinaryMetrics, prepareBinary } from './binary-metrics.js'
import type { MetricSet } from './metric-estimate.js'
import { computeMulticlassMetrics, prepareMulticlass } from './multiclass-metrics.js'
import { PoissonWeights, RowWeights, type WeightStream } from './poisson-weights.js'
import type { TaskPredictions } from './prediction-metrics.js'
import { computeRegressionMetrics } from './regression-metrics.js'

export interface PairedDeltas {
  /** candidate − baseline for each metric, one value per resample where both are defined. */
  deltas: Record<string, Float64Array>
  resamples: number
}

/**
 * The paired bootstrap (Koehn 2004): each resample weighs an example alike in the candidate's and the
 * baseline's predictions, so the spread of the difference reflects only where the two models disagree, not
 * which examples happened to be drawn. Both must describe the same examples in the same order.
 */
export function pairedBootstrap(
  candidate: TaskPredictions,
  baseline: TaskPredictions,
  options: { resamples: number; seed: number }
): PairedDeltas {
  const n = rowCount(candidate)
  const computeCandidate = metricPass(candidate)
  const computeBaseline = metricPass(baseline)
  const collected: Record<string, number[]> = {}
  const weights = new Uint8Array(n)
  for (let resample = 0; resample < options.resamples; resample++) {
    const draw = new PoissonWeights(options.seed, resample)
    for (let i = 0; i < n; i++) weights[i] = draw.next()
    const c = computeCandidate(weights)
    const b = computeBaseline(weights)
    for (const [name, estimate] of Object.entries(c)) {
      const other = b[name]?.value
      if (estimate.value === null || other === null || other === undefined) continue
      ;(collected[name] ??= []).push(estimate.value - other)
    }
  }
  const deltas: Record<string, Float64Array> = {}
  for (const [name, values] of Object.entries(collected)) deltas[name] = Float64Array.from(values)
  return { deltas, resamples: options.resamples }
}

/**
 * The candidate's metrics on each resample alone (the unpaired `bootstrap` significance method), drawn with the
 * same weights as the paired bootstrap's candidate side.
 */
export function bootstrapDraws(
  predictions: TaskPredictions,
  options: { resamples: number; seed: number }
): Record<string, Float64Array> {
  const n = rowCount(predictions)
  const compute = metricPass(predictions)
  const collected: Record<string, number[]> = {}
  const weights = new Uint8Array(n)
  for (let resample = 0; resample < options.resamples; resample++) {
    const draw = new PoissonWeights(options.seed, resample)
    for (let i = 0; i < n; i++) weights[i] = draw.next()
    for (const [name, estimate] of Object.entries(compute(weights)))
      if (estimate.value !== null) (collected[name] ??= []).push(estimate.value)
  }
  const draws: Record<string, Float64Array> = {}
  for (const [name, values] of Object.entries(collected)) draws[name] = Float64Array.from(values)
  return draws
}

function rowCount(predictions: TaskPredictions): number {
  return predictions.data.labels.length
}

function metricPass(predictions: TaskPredictions): (weights: Uint8Array) => MetricSet {
  const stream = (weights: Uint8Array, order: Uint32Array | null): WeightStream =>
    new RowWeights(weights, order)
  switch (predictions.task) {
    case 'binary': {
      const prepared = prepareBinary(predictions.data, { keepOrder: true })
      return weights => computeBinaryMetrics(prepared, stream(weights, prepared.order))
    }
    case 'multiclass': {
      const prepared = prepareMulticlass(predictions.data)
      return weights => computeMulticlassMetrics(prepared, stream(weights, null))
    }
    case 'regression':
      return weights => computeRegressionMetrics(predictions.data, stream(weights, null))
  }
}
