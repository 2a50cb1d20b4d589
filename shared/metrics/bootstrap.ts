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

/** Point estimates plus percentile intervals from per-example Poisson weights. */
export function withBootstrap(compute: MetricComputation, options: BootstrapOptions): MetricSet {
  return withIntervals(
    compute(null),
    resample => compute(new PoissonWeights(options.seed, resample)),
    options
  )
}

/**
 * Point estimates plus percentile intervals. Resamples where a metric is undefined (a slice that drew no
 * positives) are left out of that metric's interval; a metric undefined on the full data gets no interval.
 * `approximatePoint` is the resampling scheme's own estimate on the unweighted data, when it is not exactly
 * `point` (blocked resampling): its intervals are shifted by the difference, so they sit around `point`.
 */
export function withIntervals(
  point: MetricSet,
  resample: (index: number) => MetricSet,
  options: BootstrapOptions,
  approximatePoint: MetricSet = point
): MetricSet {
  if (options.resamples <= 0) return point
  const draws: Record<string, number[]> = {}
  for (const name of Object.keys(point)) if (point[name].value !== null) draws[name] = []
  for (let index = 0; index < options.resamples; index++) {
    const sample = resample(index)
    for (const name of Object.keys(draws)) {
      const value = sample[name]?.value
      if (value !== null && value !== undefined && Number.isFinite(value)) draws[name].push(value)
    }
  }
  const alpha = 1 - options.confidence
  const result: MetricSet = {}
  for (const [name, estimate] of Object.entries(point)) {
    const values = draws[name]
    const approximate = approximatePoint[name]?.value
    if (values === undefined || values.length === 0 || approximate === null || approximate === undefined) {
      result[name] = estimate
      continue
    }
    const shift = estimate.value! - approximate
    const sorted = Float64Array.from(values).sort()
    result[name] = {
      ...estimate,
      ci: {
        low: quantileSorted(sorted, alpha / 2) + shift,
        high: quantileSorted(sorted, 1 - alpha / 2) + shift
      }
    }
  }
  return result
}
