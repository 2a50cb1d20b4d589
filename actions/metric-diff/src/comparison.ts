import * as log from '../../../shared/runner/log.js'
import { UserError } from '../../../shared/errors/user-error.js'
import { findBaseline, parseBaselineSpec } from '../../../shared/runner/baseline-lookup.js'
import { describeBaseline } from '../../../shared/report/gate-report.js'
import type { GitHubClient } from '../../../shared/runner/github-api.js'
import type { RunContext } from '../../../shared/runner/run-context.js'
import { userFiles } from '../../../shared/runner/user-files.js'
import { guessDirection, type Direction } from '../../../shared/metrics/direction.js'
import type { MetricSet } from '../../../shared/metrics/metric-estimate.js'
import { diffMetrics, type MetricChange } from '../../../shared/metrics/metric-diff.js'
import { toMetricSet } from '../../../shared/metrics/metric-file.js'
import { nameMap, ownValue } from '../../../shared/data/name-map.js'
import { loadMetricFiles } from '../../../shared/runner/metric-files.js'
import { parseResultsFile } from '../../../shared/metrics/results-file.js'
import type { Baseline, Results, RuleName, SliceMetrics, Verdict } from '../../../shared/metrics/results.js'
import type { Inputs } from './inputs.js'

/** Everything the comment shows, as data: what `prepare` hands to `post`, and what both render. */
export interface Comparison {
  candidate: MetricSet
  baseline: MetricSet | null
  baselineSource: string
  verdict?: Verdict
  /** The worst status of each metric's policy rules (evaluate's results). */
  rules?: Record<string, Verdict>
  /** Directions the policy implies (a max_drop rule means higher is better). */
  directions?: Record<string, Direction>
  slices?: SliceMetrics[]
}

export function changesOf(comparison: Comparison): MetricChange[] {
  return diffMetrics(comparison.baseline ?? undefined, comparison.candidate, {
    // Both maps may come from a fork's artifact, parsed by JSON.parse: only their own keys count.
    directionOf: name => ownValue(comparison.directions, name) ?? guessDirection(name),
    ruleOf: name => ownValue(comparison.rules, name)
  })
}

/** The comparison from evaluate's results file, or from metric files and the baseline input. */
export async function loadComparison(
  inputs: Inputs,
  run: RunContext,
  client: () => GitHubClient | undefined
): Promise<Comparison> {
  if (inputs.results !== undefined) {
    const file = await userFiles(run).read('results', inputs.results)
    const results = parseResultsFile(file.text, file.name)
    log.info`Read results of ${results.candidate.source} with verdict ${results.verdict}.`
    return fromResults(results)
  }
  if (inputs.metrics.length === 0) {
    throw new UserError("Give 'results' (evaluate's results file) or 'metrics' (metric files) to compare.")
  }
  const { metrics } = await loadMetricFiles('metrics', inputs.metrics, run)
  const spec = parseBaselineSpec(inputs.baseline)
  const baseline = await findBaseline(spec, run, client(), inputs.checkName)
  return {
    candidate: toMetricSet(metrics),
    baseline: baseline.metrics,
    baselineSource: describeBaseline({ baseline })
  }
}

function fromResults(results: Results): Comparison {
  const rules = nameMap<Verdict>()
  const directions = nameMap<Direction>()
  // A change rule (max_drop, max_increase…) says which way is worse; a bound (min, max) only hints at it.
  const byStrength = [...results.rules].sort((a, b) => strength(a.rule) - strength(b.rule))
  for (const rule of byStrength) {
    const implied = DIRECTION_OF_RULE[rule.rule]
    if (implied && rule.slice === undefined) directions[rule.metric] = implied
  }
  for (const rule of results.rules) {
    if (rule.slice !== undefined) continue
    if (rule.informational || rule.status === 'skipped') continue
    if (RANK[rule.status] > RANK[rules[rule.metric] ?? 'pass']) rules[rule.metric] = rule.status
    else rules[rule.metric] ??= rule.status
  }
  return {
    candidate: results.candidate.metrics,
    baseline: results.baseline.metrics,
    baselineSource: describeBaseline(results),
    verdict: results.verdict,
    rules,
    directions,
    slices: results.candidate.slices
  }
}

function strength(rule: RuleName): number {
  return rule === 'min' || rule === 'max' ? 0 : 1
}

const RANK: Record<Verdict, number> = { pass: 0, warn: 1, inconclusive: 2, fail: 3 }

const DIRECTION_OF_RULE: Partial<Record<RuleName, Direction>> = {
  min: 'higher',
  max_drop: 'higher',
  warn_drop: 'higher',
  max_drop_pct: 'higher',
  warn_drop_pct: 'higher',
  max: 'lower',
  max_increase: 'lower',
  warn_increase: 'lower',
  max_increase_pct: 'lower',
  warn_increase_pct: 'lower'
}

/**
 * What mode post shows of a prepared comparison, which the pull request's run wrote (a fork's, maybe). Post
 * recomputes what it can: the baseline, from what evaluate recorded on the base commit (`found`), and the diff.
 * The candidate's numbers, its slices and its verdict it cannot: they stay, to be shown as that run's claims,
 * and so does its baseline when post found none. The run's per-metric rule statuses and directions are dropped:
 * they come from its policy and would colour post's own diff.
 */
export function recheckPrepared(
  prepared: Comparison,
  found: Baseline
): { comparison: Comparison; baselineClaimed: boolean } {
  const own = found.source !== 'none' && found.metrics !== null
  return {
    comparison: {
      candidate: prepared.candidate,
      baseline: own ? found.metrics : prepared.baseline,
      baselineSource: own ? describeBaseline({ baseline: found }) : prepared.baselineSource,
      verdict: prepared.verdict,
      slices: prepared.slices
    },
    baselineClaimed: !own
  }
}
