import { nameMap } from '../data/name-map.js'
import { withBootstrap, withIntervals, type BootstrapOptions } from './bootstrap.js'
import {
  blockBinary,
  computeBinaryMetrics,
  computeBlockedBinaryMetrics,
  prepareBinary,
  type BinaryPredictions
} from './binary-metrics.js'
import { PoissonSampler } from './poisson-sampler.js'
import type { MetricSet } from './metric-estimate.js'
import {
  computeMulticlassMetrics,
  prepareMulticlass,
  type MulticlassPredictions
} from './multiclass-metrics.js'
import { computeRegressionMetrics, type RegressionPredictions } from './regression-metrics.js'

export type Task = 'binary' | 'multiclass' | 'regression'

export type TaskPredictions =
  | { task: 'binary'; data: BinaryPredictions }
  | { task: 'multiclass'; data: MulticlassPredictions }
  | { task: 'regression'; data: RegressionPredictions }

/**
 * From this many binary examples on, resampling works on runs of consecutive scores (see `blockBinary`)
 * instead of single examples: the same intervals (see the test against per-example resampling) at a
 * fraction of the cost.
 */
const BLOCKED_FROM = 100_000
const BLOCKS = 16_384

function resampleSeed(seed: number, resample: number): number {
  return Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(resample + 1, 0x85ebca6b)
}

/** Every metric of the task, with percentile bootstrap intervals. */
export function evaluatePredictions(predictions: TaskPredictions, options: BootstrapOptions): MetricSet {
  switch (predictions.task) {
    case 'binary': {
      const prepared = prepareBinary(predictions.data)
      if (prepared.codes.length < BLOCKED_FROM || options.resamples <= 0) {
        return withBootstrap(weights => computeBinaryMetrics(prepared, weights), options)
      }
      const blocks = blockBinary(prepared, BLOCKS)
      return withIntervals(
        computeBinaryMetrics(prepared, null),
        resample =>
          computeBlockedBinaryMetrics(blocks, new PoissonSampler(resampleSeed(options.seed, resample))),
        options,
        computeBlockedBinaryMetrics(blocks, null)
      )
    }
    case 'multiclass': {
      const prepared = prepareMulticlass(predictions.data)
      return withBootstrap(weights => computeMulticlassMetrics(prepared, weights), options)
    }
    case 'regression':
      return withBootstrap(weights => computeRegressionMetrics(predictions.data, weights), options)
  }
}

/** The same metrics on each slice, keyed by the slice's value, in order of first appearance. */
export function evaluateSlices(
  predictions: TaskPredictions,
  sliceOf: readonly string[],
  options: BootstrapOptions
): Record<string, MetricSet> {
  const rowsBySlice = new Map<string, number[]>()
  sliceOf.forEach((slice, row) => {
    const rows = rowsBySlice.get(slice)
    if (rows) rows.push(row)
    else rowsBySlice.set(slice, [row])
  })
  const result = nameMap<MetricSet>()
  for (const [slice, rows] of rowsBySlice) {
    result[slice] = evaluatePredictions(selectRows(predictions, Uint32Array.from(rows)), options)
  }
  return result
}

/** The examples at `rows`, in that order: a slice's subset, or a file's rows in another file's order. */
export function selectRows(predictions: TaskPredictions, rows: Uint32Array): TaskPredictions {
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(array: T): T => {
    const out = new (array.constructor as new (n: number) => T)(rows.length)
    for (let i = 0; i < rows.length; i++) out[i] = array[rows[i]]
    return out
  }
  switch (predictions.task) {
    case 'binary': {
      const { labels, predicted, scores } = predictions.data
      return {
        task: 'binary',
        data: { labels: pick(labels), predicted: pick(predicted), scores: scores && pick(scores) }
      }
    }
    case 'multiclass': {
      const { classNames, labels, predicted, probabilities } = predictions.data
      const k = classNames.length
      let subset: Float64Array | undefined
      if (probabilities) {
        subset = new Float64Array(rows.length * k)
        rows.forEach((row, i) => subset!.set(probabilities.subarray(row * k, row * k + k), i * k))
      }
      return {
        task: 'multiclass',
        data: { classNames, labels: pick(labels), predicted: pick(predicted), probabilities: subset }
      }
    }
    case 'regression':
      return {
        task: 'regression',
        data: { labels: pick(predictions.data.labels), predicted: pick(predictions.data.predicted) }
      }
  }
}
