import type { Profile } from '../stats/profile.js'
import type { DataRuleResult } from './data-rule-result.js'
import type { Rules } from './rules.js'

/**
 * The rules about the whole dataset, decided once from totals rather than row by row: the row count and the
 * null fraction of a column. Merged shards are checked again with them (per-shard verdicts do not add up).
 */
export function checkRowCount(rows: Rules['rows'], count: number): DataRuleResult | undefined {
  if (rows.min === undefined && rows.max === undefined) return undefined
  const outside = (rows.min !== undefined && count < rows.min) || (rows.max !== undefined && count > rows.max)
  return {
    id: 'rows',
    rule: 'rows',
    description: `row count in [${rows.min ?? 0}, ${rows.max ?? '∞'}]`,
    severity: 'error',
    mostly: 1,
    considered: 1,
    violations: outside ? 1 : 0,
    failed: false,
    samples: outside ? [{ file: '', line: 0, location: 'row', value: String(count) }] : []
  }
}

/** The null-fraction rules, from a profile (also the merged profile of shards). */
export function checkNullFractions(rules: Pick<Rules, 'columns'>, profile: Profile): DataRuleResult[] {
  return rules.columns.flatMap(rule => {
    if (rule.nullFractionMax === undefined) return []
    const column = profile.columns.get(rule.column)
    const fraction = column && column.count > 0 ? column.nulls / column.count : 0
    const violated = fraction > rule.nullFractionMax
    return [
      {
        id: `${rule.column}.null_fraction_max`,
        column: rule.column,
        rule: 'null_fraction_max',
        description: `nulls in '${rule.column}' ≤ ${rule.nullFractionMax * 100}%`,
        severity: rule.severity,
        mostly: 1,
        considered: 1,
        violations: violated ? 1 : 0,
        failed: false,
        samples: violated
          ? [{ file: '', line: 0, location: 'row', value: `${(fraction * 100).toFixed(2)}% null` }]
          : []
      }
    ]
  })
}
