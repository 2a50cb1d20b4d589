import { ownValue } from '../data/name-map.js'
import { formatNumber } from '../report/number-format.js'
import type { Direction } from './direction.js'
import { numberOf, type MetricEstimate, type MetricSet } from './metric-estimate.js'
import type { Verdict } from './results.js'

export type DiffStatus =
  | 'fail'
  | 'inconclusive'
  | 'warn'
  | 'regressed'
  | 'improved'
  | 'changed'
  | 'undefined'
  | 'new'
  | 'removed'
  | 'unchanged'

export interface MetricChange {
  name: string
  /** The baseline's value, NaN or ±Infinity included (shown as such, compared with nothing). */
  baseline?: number
  /** The candidate's value, NaN or ±Infinity included. */
  candidate?: number
  /** candidate − baseline, when both are finite. */
  delta?: number
  /** delta relative to |baseline|, in percent; undefined when the baseline is 0. */
  deltaPercent?: number
  ci?: { low: number; high: number }
  /** Why there is nothing to compare: the candidate has no finite value (a single class, NaN), or the baseline. */
  reason?: string
  direction: Direction
  status: DiffStatus
}

export interface DiffOptions {
  directionOf: (name: string) => Direction
  /** What a policy said about a metric (evaluate's rules), which outranks the plain direction of a change. */
  ruleOf?: (name: string) => Verdict | undefined
}

/** Values this close (relative) are the same number written twice, not a change. */
const SAME = 1e-12

/**
 * Compares candidate metrics with a baseline, metric by metric, in the candidate's order followed by the
 * removed ones. A failing or warning policy rule decides the status; otherwise the direction of the change.
 */
export function diffMetrics(
  baseline: MetricSet | undefined,
  candidate: MetricSet,
  options: DiffOptions
): MetricChange[] {
  const changes: MetricChange[] = []
  for (const [name, estimate] of Object.entries(candidate)) {
    changes.push(changeOf(name, ownValue(baseline, name), estimate, options))
  }
  for (const [name, estimate] of Object.entries(baseline ?? {})) {
    if (Object.hasOwn(candidate, name)) continue
    changes.push({
      name,
      baseline: numberOf(estimate),
      direction: options.directionOf(name),
      status: options.ruleOf?.(name) === 'fail' ? 'fail' : 'removed'
    })
  }
  return changes
}

function changeOf(
  name: string,
  before: MetricEstimate | undefined,
  after: MetricEstimate,
  options: DiffOptions
): MetricChange {
  const direction = options.directionOf(name)
  const rule = options.ruleOf?.(name)
  const ruled = rule === 'fail' || rule === 'warn' || rule === 'inconclusive' ? rule : undefined
  const baseline = numberOf(before)
  const value = numberOf(after)
  const base = { name, direction, ci: after.ci, baseline }
  const finiteBaseline = baseline !== undefined && Number.isFinite(baseline)
  if (value === undefined) return { ...base, reason: after.reason, status: ruled ?? 'undefined' }
  if (!Number.isFinite(value)) {
    // No measurement at all: against a baseline that was one, a regression whichever way it points (loss
    // 0.2 → ∞, and accuracy 0.9 → ∞ too); against none, as undefined as a metric without a value.
    return {
      ...base,
      candidate: value,
      reason: after.reason,
      status: ruled ?? (finiteBaseline ? 'regressed' : 'undefined')
    }
  }
  if (baseline === undefined) return { ...base, candidate: value, status: ruled ?? 'new' }
  if (!finiteBaseline) {
    return {
      ...base,
      candidate: value,
      reason: `the baseline is ${formatNumber(baseline)}, so there is no baseline to compare with`,
      status: ruled ?? 'new'
    }
  }
  const delta = value - baseline
  const unchanged = Math.abs(delta) <= SAME * Math.max(Math.abs(value), Math.abs(baseline))
  const shownDelta = unchanged ? 0 : delta
  const plain: DiffStatus = unchanged ? 'unchanged' : statusOf(delta, direction)
  return {
    ...base,
    candidate: value,
    delta: shownDelta,
    deltaPercent: baseline === 0 ? undefined : (shownDelta / Math.abs(baseline)) * 100,
    status: ruled ?? plain
  }
}

function statusOf(delta: number, direction: Direction): DiffStatus {
  if (direction === 'none') return 'changed'
  return delta > 0 === (direction === 'higher') ? 'improved' : 'regressed'
}

export function countStatuses(changes: MetricChange[]): Record<DiffStatus, number> {
  const counts = Object.fromEntries(
    (
      [
        'fail',
        'inconclusive',
        'warn',
        'regressed',
        'improved',
        'changed',
        'undefined',
        'new',
        'removed',
        'unchanged'
      ] as const
    ).map(status => [status, 0])
  ) as Record<DiffStatus, number>
  for (const change of changes) counts[change.status]++
  return counts
}
