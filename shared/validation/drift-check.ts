import {
  CATEGORICAL_ONLY,
  computeDrift,
  NUMERIC_ONLY,
  P_VALUE_METHODS,
  type DriftMethod
} from '../stats/drift.js'
import type { Profile } from '../stats/profile.js'
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
}

export interface DriftResult {
  columns: ColumnDrift[]
  share: number
  datasetShare: number
  datasetDrift: boolean
}

/** Every column in both profiles gets a score, drifted or not (TFDV hides them; users asked for them). */
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
  for (const [column, profile] of current.columns) {
    const referenceProfile = reference.columns.get(column)
    if (!referenceProfile || (identifiers.has(column) && !config.columns.has(column))) continue
    const ref = referenceProfile.distribution()
    const cur = profile.distribution()
    if (!ref || !cur) continue
    // As Evidently: a number with at most 5 distinct values (a 0/1 label, a rating) is compared as categories.
    const fewValues = (d: typeof ref) =>
      d.kind === 'numeric' && d.distinct !== undefined && d.distinct.size <= 5
    const kind =
      ref.kind === 'numeric' && cur.kind === 'numeric' && !(fewValues(ref) && fewValues(cur))
        ? 'numeric'
        : 'categorical'
    const spec = config.columns.get(column)
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
      continue
    }
    const refDist = kind === 'categorical' && ref.kind === 'numeric' ? asCategories(ref) : ref
    const curDist = kind === 'categorical' && cur.kind === 'numeric' ? asCategories(cur) : cur
    const { score, pValue } = computeDrift(method, refDist, curDist)
    const threshold = spec?.fail ?? config.threshold
    const beyond = (limit: number) => (P_VALUE_METHODS.has(method) ? score < limit : score >= limit)
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
      currentCount: cur.count
    })
  }
  const drifted = columns.filter(c => c.drifted).length
  const share = columns.length === 0 ? 0 : drifted / columns.length
  return {
    columns,
    share,
    datasetShare: config.datasetShare,
    datasetDrift: columns.length > 0 && share >= config.datasetShare
  }
}

function asCategories(d: { values: number[]; weights: number[]; count: number }) {
  const counts = new Map<string, number>()
  d.values.forEach((v, i) => counts.set(String(v), (counts.get(String(v)) ?? 0) + d.weights[i]))
  return { kind: 'categorical' as const, counts, count: d.count }
}
