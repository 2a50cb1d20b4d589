import { UserError } from '../errors/user-error.js'
import { describeFetchFailure } from '../errors/fetch-failure.js'
import type { AnalysisConfig, MetricSpec } from './analysis-config.js'
import {
  ProviderUnavailableError,
  type AnalysisWindow,
  type MetricSamples,
  type MetricsProvider
} from './metrics-provider.js'

/**
 * Samples from Prometheus' range queries (`/api/v1/query_range`) over the analysis window: every value of
 * every series the query returns. An empty result is a metric without data (Argo crashed on exactly
 * this: argo-rollouts#1466); a server that does not answer is ProviderUnavailableError; a query Prometheus
 * refuses as malformed (400 bad_data) is the user's to fix.
 */
const REQUEST_TIMEOUT_MS = 10_000

interface QueryResponse {
  status: 'success' | 'error'
  errorType?: string
  error?: string
  data?: { resultType: string; result: Array<{ values?: Array<[number, string]>; value?: [number, string] }> }
}

export function prometheusProvider(): MetricsProvider {
  return {
    async fetch(config: AnalysisConfig, _stage, window: AnalysisWindow): Promise<MetricSamples> {
      if (config.provider.kind !== 'prometheus')
        throw new Error('prometheusProvider needs a prometheus provider')
      const { url, stepMs } = config.provider
      const samples: MetricSamples = {}
      const query = (text: string, metric: MetricSpec) =>
        queryRange(url, text, window, stepMs, config, metric)
      await Promise.all(
        config.metrics.map(async metric => {
          const counts = metric.counts?.queries
          if (counts) {
            // Per-step increases of the counters: the two-proportion judge sums them over the window.
            const [canary, baseline, canaryTrials, baselineTrials] = await Promise.all([
              query(counts.numerator.canary, metric),
              query(counts.numerator.baseline, metric),
              query(counts.denominator.canary, metric),
              query(counts.denominator.baseline, metric)
            ])
            samples[metric.name] = {
              canary,
              baseline,
              denominator: { canary: canaryTrials, baseline: baselineTrials }
            }
            return
          }
          const [canary, baseline] = await Promise.all([
            metric.canaryQuery === undefined
              ? []
              : queryRange(url, metric.canaryQuery, window, stepMs, config, metric),
            metric.baselineQuery === undefined
              ? []
              : queryRange(url, metric.baselineQuery, window, stepMs, config, metric)
          ])
          samples[metric.name] = { canary, baseline }
        })
      )
      return samples
    }
  }
}

async function queryRange(
  baseUrl: string,
  query: string,
  window: AnalysisWindow,
  stepMs: number,
  config: AnalysisConfig,
  metric: MetricSpec
): Promise<number[]> {
  // POST form-encoded: long PromQL does not fit a URL. Times in seconds, explicit, never "now".
  const body = new URLSearchParams({
    query,
    start: String(window.start.getTime() / 1000),
    end: String(window.end.getTime() / 1000),
    step: String(stepMs / 1000)
  })
  let response: Response
  let parsed: QueryResponse
  try {
    response = await fetch(`${baseUrl}/api/v1/query_range`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    })
    parsed = (await response.json()) as QueryResponse
  } catch (error) {
    throw new ProviderUnavailableError(
      `Prometheus at ${baseUrl} did not answer: ${describeFetchFailure(error)}`,
      `Check that Prometheus is up at ${new URL(baseUrl).origin} and reachable from the runner, or retry the job.`
    )
  }
  if (parsed.status !== 'success') {
    if (response.status === 400 && parsed.errorType === 'bad_data') {
      throw new UserError(
        `${config.file}:${metric.line}: Prometheus refused the query of metric '${metric.name}': ${parsed.error}`,
        { file: config.file, line: metric.line }
      )
    }
    throw new ProviderUnavailableError(
      `Prometheus answered ${response.status} ${parsed.errorType ?? ''}: ${parsed.error ?? 'no detail'}`
    )
  }
  const values: number[] = []
  for (const series of parsed.data?.result ?? []) {
    for (const [, value] of series.values ?? (series.value ? [series.value] : [])) {
      // Prometheus sends values as strings so NaN and ±Inf survive JSON; neither is a measurement.
      const number = Number(value)
      values.push(Number.isFinite(number) ? number : NaN)
    }
  }
  return values
}
