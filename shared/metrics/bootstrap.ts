import { quantileSorted, type MetricSet } from './metric-estimate.js'
import { PoissonWeights, type WeightStream } from './poisson-weights.js'

export interface BootstrapOptions {
  /** Number of resamples; 0 computes the point estimates only. */
  resamples: number
  /** Two-sided confidence level of the interval, e.g. 0.95. */
  confidence: number
  seed: number
}

/** Computes a metric set, unweighted when `weights` is null, or on one Poisson-bootstrap resample. */
export type MetricComputation = (weights: WeightStream | null) => MetricSet

/**
 * Point estimates plus percentile bootstrap intervals. Resamples where a metric is undefined (a slice that drew
 * no positives) are left out of that metric's interval; a metric undefined on the full data gets no interval.
 */
export function withBootstrap(compute: MetricComputation, options: BootstrapOptions): MetricSet {
  const point = compute(null)
  if (options.resamples <= 0) return point
  const draws: Record<string, number[]> = {}
  for (const name of Object.keys(point)) if (point[name].value !== null) draws[name] = []
  for (let resample = 0; resample < options.resamples; resample++) {
    const sample = compute(new PoissonWeights(options.seed, resample))
    for (const name of Object.keys(draws)) {
      const value = sample[name]?.value
      if (value !== null && value !== undefined && Number.isFinite(value)) draws[name].push(value)
    }
  }
  const alpha = 1 - options.confidence
  const result: MetricSet = {}
  for (const [name, estimate] of Object.entries(point)) {
    const values = draws[name]
    if (values === undefined || values.length === 0) {
      result[name] = estimate
      continue
    }
    const sorted = Float64Array.from(values).sort()
    result[name] = {
      ...estimate,
      ci: { low: quantileSorted(sorted, alpha / 2), high: quantileSorted(sorted, 1 - alpha / 2) }
    }
  }
  return result
}
