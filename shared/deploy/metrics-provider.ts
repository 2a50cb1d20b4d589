import { ServiceError } from '../errors/service-error.js'
import type { AnalysisConfig } from './analysis-config.js'
import type { Stage } from './stages.js'

/**
 * Samples of each metric over one analysis window, by metric name. For a count metric (`counts` in the analysis
 * file) `canary` and `baseline` hold the numerator (events per step) and `denominator` the trials per step.
 */
export type MetricSamples = Record<
  string,
  { canary: number[]; baseline: number[]; denominator?: { canary: number[]; baseline: number[] } }
>

export interface AnalysisWindow {
  start: Date
  end: Date
}

export interface MetricsProvider {
  /** Throws ProviderUnavailableError when the source does not answer: the rollout treats that as no data. */
  fetch(config: AnalysisConfig, stage: Stage, window: AnalysisWindow): Promise<MetricSamples>
}

/** The metrics source did not answer (down, timed out, failed): no data, never a crash, never a promotion. */
export class ProviderUnavailableError extends ServiceError {
  constructor(message: string, hint = 'Check that the metrics provider is up and its address is right.') {
    super('The metrics provider', message, { hint })
    this.name = 'ProviderUnavailableError'
  }
}
