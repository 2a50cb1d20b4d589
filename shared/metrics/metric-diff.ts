import type { Direction } from './direction.js'
import type { MetricEstimate, MetricSet } from './metric-estimate.js'
import type { Metrics } from './metric-file.js'
import type { Verdict } from './results.js'

export type DiffStatus =
  'fail' | 'warn' | 'regressed' | 'improved' | 'changed' | 'undefined' | 'new' | 'removed' | 'unchanged'

export interface MetricChange {
  name: string
  baseline?: number
  candidate?: number
  /** candidate − baseline */
  delta?: number
  /** delta relative to |baseline|, in percent; undefined when the baseline is 0. */
  deltaPercent?: number
  ci?: { low: number; high: number }
  /** Why the candidate's value is undefined (a single class, no positive predictions). */
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

export function toMetricSet(metrics: Metrics): MetricSet {
  return Object.fromEntries(Object.entries(metrics).map(([name, value]) => [name, { value }]))
}

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
    changes.push(changeOf(name, baseline?.[name], estimate, options))
  }
  for (const [name, estimate] of Object.entries(baseline ?? {})) {
    if (name in candidate) continue
    changes.push({
      name,
      baseline: estimate.value ?? undefined,
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
  const base = { name, direction, ci: after.ci, baseline: before?.value ?? undefined }
  if (after.value === null) {
    return { ...base, reason: after.reason, status: rule === 'fail' || rule === 'warn' ? rule : 'undefined' }
  }
  const value = after.value
  if (base.baseline === undefined) {
    return { ...base, candidate: value, status: rule === 'fail' || rule === 'warn' ? rule : 'new' }
  }
  const delta = value - base.baseline
  const unchanged = Math.abs(delta) <= SAME * Math.max(Math.abs(value), Math.abs(base.baseline))
  const shownDelta = unchanged ? 0 : delta
  const plain: DiffStatus = unchanged ? 'unchanged' : statusOf(delta, direction)
  return {
    ...base,
    candidate: value,
    delta: shownDelta,
    deltaPercent: base.baseline === 0 ? undefined : (shownDelta / Math.abs(base.baseline)) * 100,
    status: rule === 'fail' || rule === 'warn' ? rule : plain
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
