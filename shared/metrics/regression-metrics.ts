import { defined, undefinedMetric, type MetricSet } from './metric-estimate.js'
import type { WeightStream } from './poisson-weights.js'

export interface RegressionPredictions {
  labels: Float64Array
  predicted: Float64Array
}

const REGRESSION_METRICS = ['mae', 'mse', 'rmse', 'r2', 'mape'] as const

/** scikit-learn's MAPE divides by max(|y|, eps) with eps the float64 machine epsilon. */
const EPS = 2.220446049250313e-16

export function computeRegressionMetrics(
  data: RegressionPredictions,
  weights: WeightStream | null
): MetricSet {
  const { labels, predicted } = data
  let total = 0
  let absoluteSum = 0
  let squaredSum = 0
  let percentSum = 0
  let labelSum = 0
  let labelSquares = 0
  for (let i = 0; i < labels.length; i++) {
    const w = weights === null ? 1 : weights.next()
    if (w === 0) continue
    const error = labels[i] - predicted[i]
    total += w
    absoluteSum += w * Math.abs(error)
    squaredSum += w * error * error
    percentSum += (w * Math.abs(error)) / Math.max(Math.abs(labels[i]), EPS)
    labelSum += w * labels[i]
    labelSquares += w * labels[i] * labels[i]
  }
  if (total === 0) {
    const none = undefinedMetric('no examples')
    return Object.fromEntries(REGRESSION_METRICS.map(name => [name, none]))
  }
  // The point estimate's total sum of squares takes a second pass around the mean, as NumPy does, to avoid
  // cancellation; a resample's weights cannot be replayed, so it uses the one-pass form.
  const mean = labelSum / total
  let totalSquares = Math.max(0, labelSquares - labelSum * mean)
  if (weights === null) {
    totalSquares = 0
    for (let i = 0; i < labels.length; i++) totalSquares += (labels[i] - mean) ** 2
  }
  const mse = squaredSum / total
  return {
    mae: defined(absoluteSum / total),
    mse: defined(mse),
    rmse: defined(Math.sqrt(mse)),
    r2: r2(squaredSum, totalSquares, total),
    mape: defined(percentSum / total)
  }
}

/**
 * scikit-learn (force_finite) gives 1 for a perfect fit of constant labels and 0 otherwise, without a warning;
 * with fewer than two examples it warns, so that is undefined here.
 */
function r2(residualSquares: number, totalSquares: number, total: number) {
  if (total < 2) return undefinedMetric('R² needs at least two examples')
  if (totalSquares === 0) return defined(residualSquares === 0 ? 1 : 0)
  return defined(1 - residualSquares / totalSquares)
}
