import { summarize, type MetricClassification } from './metric-classification.js'

/**
 * The simple judge, in the manner of Argo Rollouts' success/failure conditions and Flagger's
 * `thresholdRange`: the canary's mean over the analysis window must stay within [min, max]. Above max is
 * High, below min is Low; no samples (NaN dropped) is Nodata, which the rollout hands to its `no-data`
 * policy instead of guessing. The baseline is reported but not compared.
 */
export interface ThresholdMetricConfig {
  name: string
  min?: number
  max?: number
  critical: boolean
  mustHaveData: boolean
}

export function classifyThreshold(
  canaryInput: readonly number[],
  baselineInput: readonly number[],
  config: ThresholdMetricConfig
): MetricClassification {
  const canary = summarize(canaryInput.filter(value => !Number.isNaN(value)))
  const baseline = summarize(baselineInput.filter(value => !Number.isNaN(value)))
  const base = { name: config.name, canary, baseline, effectSize: NaN }
  if (canary.count === 0) {
    if (config.mustHaveData && !config.critical) {
      return { ...base, classification: 'NodataFailMetric', critical: false, reason: 'missing data' }
    }
    return { ...base, classification: 'Nodata', critical: config.critical, reason: 'missing data' }
  }
  if (config.max !== undefined && canary.mean > config.max) {
    return {
      ...base,
      classification: 'High',
      critical: config.critical,
      reason: `${config.name}: mean ${canary.mean} is above the maximum ${config.max}`
    }
  }
  if (config.min !== undefined && canary.mean < config.min) {
    return {
      ...base,
      classification: 'Low',
      critical: config.critical,
      reason: `${config.name}: mean ${canary.mean} is below the minimum ${config.min}`
    }
  }
  return { ...base, classification: 'Pass', critical: false }
}
