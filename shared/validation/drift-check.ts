import {
  CATEGORICAL_ONLY,
  computeDrift,
  NUMERIC_ONLY,
  P_VALUE_METHODS,
  type DriftMethod,
  type DriftScore
} from '../stats/drift.js'
import type { Distribution, NumericDistribution } from '../stats/distribution.js'
import type { Profile } from '../stats/profile.js'
import { fallsBelow, reaches } from '../stats/tolerance.js'
import { DEFAULT_DRIFT, ruleError, type DriftRules, type UniqueKey } from './rules.js'

interface ColumnDrift {
  column: string
  method: DriftMethod
  score: number
  pValue?: number
  /** The score beyond which the column drifts (for p-value methods: below which). */
  threshold: number
  warn?: number
  drifted: boolean
  warned: boolean
  /** True when the column has its own `fail` threshold: its drift fails the check by itself. */
  gating: boolean
  referenceCount: number
  currentCount: number
  /** Set when the score is not on the exact values (see DriftScore and the README's Drift section). */
  approximation?: DriftScore['approximation']
}

/** A column present in both that has no score, and why. A gating one (its own `fail`) fails the check. */
interface UnscoredColumn {
  column: string
  reason: string
  gating: boolean
}

export interface DriftResult {
  columns: ColumnDrift[]
  unscored: UnscoredColumn[]
  share: number
  datasetShare: number
  datasetDrift: boolean
}

/**
 * Every column in both profiles gets a score, drifted or not (TFDV hides them; users asked for them), or a
 * reason in `unscored`.
 */
export function evaluateDrift(
  reference: Profile,
  current: Profile,
  rules: DriftRules | undefined,
  keys: readonly Pick<UniqueKey, 'columns'>[] = []
): DriftResult {
  // A unique identifier has no distribution to drift: each batch of new rows brings new ids.
  const identifiers = new Set(keys.filter(key => key.columns.length === 1).map(key => key.columns[0]))
  const config = rules ?? { ...DEFAULT_DRIFT, file: 'rules' }
  for (const [column, spec] of config.columns) {
    if (!reference.columns.has(column)) {
      throw ruleError(
        `drift.columns.${column}: the reference has no column '${column}' (it has ${[...reference.columns.keys()].join(', ')}). Remove the entry or fix the name.`,
        config.file,
        spec.line
      )
    }
  }
  const columns: ColumnDrift[] = []
  const unscored: UnscoredColumn[] = []
  for (const [column, profile] of current.columns) {
    const referenceProfile = reference.columns.get(column)
    if (!referenceProfile) continue
    const spec = config.columns.get(column)
    const skip = (reason: string) => unscored.push({ column, reason, gating: spec?.fail !== undefined })
    if (spec?.ignore) {
      skip(`left out by drift.columns.${column} (ignore: true)`)
      continue
    }
    if (identifiers.has(column) && !spec) {
      skip('a unique key (an identifier has no distribution to drift); give it a drift entry to score it')
      continue
    }
    const ref = referenceProfile.distribution()
    const cur = profile.distribution()
    if ('reason' in ref || 'reason' in cur) {
      skip(
        [
          'reason' in ref ? `the reference has ${ref.reason}` : '',
          'reason' in cur ? `the current data has ${cur.reason}` : ''
        ]
          .filter(Boolean)
          .join('; ')
      )
      continue
    }
    // As Evidently: a number with at most 5 distinct values (a 0/1 label, a rating) is compared as categories.
    const fewValues = (d: Distribution) =>
      d.kind === 'numeric' && d.distinct !== undefined && d.distinct.size <= 5
    const kind =
      ref.kind === 'numeric' && cur.kind === 'numeric' && !(fewValues(ref) && fewValues(cur))
        ? 'numeric'
        : 'categorical'
    const method = spec?.method ?? (kind === 'numeric' ? config.numeric : config.categorical)
    if (
      (kind === 'categorical' && NUMERIC_ONLY.has(method)) ||
      (kind === 'numeric' && CATEGORICAL_ONLY.has(method))
    ) {
      if (spec?.method) {
        throw ruleError(
          `drift.columns.${column}: ${method} does not apply to a ${kind} column.`,
          config.file,
          spec.line
        )
      }
      skip(
        `${method} (the default for ${kind === 'numeric' ? 'categories' : 'numbers'}) does not apply to a ${kind} column`
      )
      continue
    }
    const refDist = kind === 'categorical' && ref.kind === 'numeric' ? asCategories(ref) : ref
    const curDist = kind === 'categorical' && cur.kind === 'numeric' ? asCategories(cur) : cur
    const drift = computeDrift(method, refDist, curDist)
    const { score, pValue, magnitude } = drift
    // Numbers compared as categories carry their sketch's approximation along.
    const approximation =
      drift.approximation ??
      ((ref.kind === 'numeric' && !ref.exact) || (cur.kind === 'numeric' && !cur.exact)
        ? 'sketch'
        : undefined)
    const threshold = spec?.fail ?? config.threshold
    // On the threshold (within a few ulps, tolerance.ts) is drift: distances reach it, p-values do not fall below it.
    const beyond = (limit: number) =>
      P_VALUE_METHODS.has(method) ? fallsBelow(score, limit, magnitude) : reaches(score, limit, magnitude)
    columns.push({
      column,
      method,
      score,
      ...(pValue === undefined ? {} : { pValue }),
      threshold,
      ...(spec?.warn === undefined ? {} : { warn: spec.warn }),
      drifted: beyond(threshold),
      warned: spec?.warn !== undefined && beyond(spec.warn),
      gating: spec?.fail !== undefined,
      referenceCount: ref.count,
      currentCount: cur.count,
      ...(approximation ? { approximation } : {})
    })
  }
  const drifted = columns.filter(c => c.drifted).length
  const share = columns.length === 0 ? 0 : drifted / columns.length
  return {
    columns,
    unscored,
    share,
    datasetShare: config.datasetShare,
    datasetDrift: columns.length > 0 && reaches(share, config.datasetShare, 1)
  }
}

/** A numeric distribution's points as categories, keyed by the number's text (as a CSV writes it). */
function asCategories(d: NumericDistribution) {
  const counts = new Map<string, number>()
  for (let i = 0; i < d.values.length; i++) {
    const key = String(d.values[i])
    counts.set(key, (counts.get(key) ?? 0) + (d.weights?.[i] ?? 1))
  }
  return { kind: 'categorical' as const, counts, count: d.count }
}
