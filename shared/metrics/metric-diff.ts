import type { Direction } from './direction.js'
import type { Metrics } from './metric-file.js'

export type DiffStatus = 'improved' | 'regressed' | 'changed' | 'unchanged' | 'new' | 'removed'

export interface MetricChange {
  name: string
  baseline?: number
  candidate?: number
  /** candidate − baseline */
  delta?: number
  /** delta relative to |baseline|, in percent; undefined when the baseline is 0. */
  deltaPercent?: number
  direction: Direction
  status: DiffStatus
}

/** Values this close (relative) are the same number written twice, not a change. */
const SAME = 1e-12

/**
 * Compares candidate metrics with a baseline, metric by metric, in the candidate's order followed by the
 * removed ones. `directionOf` says which way each metric improves ('none' when unknown).
 */
export function diffMetrics(
  baseline: Metrics | undefined,
  candidate: Metrics,
  directionOf: (name: string) => Direction
): MetricChange[] {
  const changes: MetricChange[] = []
  for (const [name, value] of Object.entries(candidate)) {
    const direction = directionOf(name)
    const before = baseline?.[name]
    if (before === undefined) {
      changes.push({ name, candidate: value, direction, status: 'new' })
      continue
    }
    const delta = value - before
    const unchanged = Math.abs(delta) <= SAME * Math.max(Math.abs(value), Math.abs(before))
    changes.push({
      name,
      baseline: before,
      candidate: value,
      delta: unchanged ? 0 : delta,
      deltaPercent: before === 0 ? undefined : ((unchanged ? 0 : delta) / Math.abs(before)) * 100,
      direction,
      status: unchanged ? 'unchanged' : statusOf(delta, direction)
    })
  }
  for (const [name, value] of Object.entries(baseline ?? {})) {
    if (!(name in candidate))
      changes.push({ name, baseline: value, direction: directionOf(name), status: 'removed' })
  }
  return changes
}

function statusOf(delta: number, direction: Direction): DiffStatus {
  if (direction === 'none') return 'changed'
  return delta > 0 === (direction === 'higher') ? 'improved' : 'regressed'
}

export function countStatuses(changes: MetricChange[]): Record<DiffStatus, number> {
  const counts: Record<DiffStatus, number> = {
    improved: 0,
    regressed: 0,
    changed: 0,
    unchanged: 0,
    new: 0,
    removed: 0
  }
  for (const change of changes) counts[change.status]++
  return counts
}
