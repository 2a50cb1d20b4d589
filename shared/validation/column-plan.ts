import type { ColumnProfile, Profile } from '../stats/profile.js'
import { compileChecks, type CompiledCheck } from './column-checks.js'
import type { DataRuleResult } from './data-rule-result.js'
import type { CellSchema, NumericRange, SchemaError } from './row-schema.js'
import type { RuleTally } from './rule-tally.js'
import type { Rules } from './rules.js'

/** The rules and profile of one column: what the column loop needs to know about it, compiled once. */
export interface ColumnPlan {
  profile: ColumnProfile
  /** The texts that read as null in this column. */
  missing: Set<string>
  onlyEmptyIsNull: boolean
  checks: CompiledCheck[]
  needsText: boolean
  /** The not_null rules of the column (a rules file's and a schema's). */
  nullCounters: DataRuleResult[]
  schemaCell: ((value: unknown) => SchemaError[] | undefined) | undefined
  schemaNumeric: 'number' | 'integer' | undefined
  schemaRange: NumericRange | undefined
}

export function planColumn(
  name: string,
  allRules: Rules,
  dataProfile: Profile,
  cellSchema: CellSchema | undefined,
  tally: RuleTally
): ColumnPlan {
  const rules = allRules.columns.filter(r => r.column === name)
  const profile = dataProfile.column(name)
  const declared = rules.find(r => r.type)?.type
  if (declared) profile.declare(declared)
  const missing = new Set(rules.find(r => r.missingValues)?.missingValues ?? allRules.missingValues)
  const checks = rules.flatMap(rule => compileChecks(rule, tally))
  const nullCounters = rules
    .filter(rule => rule.notNull)
    .map(rule =>
      tally.counter(`${rule.fromSchema ? 'schema ' : ''}${rule.column}.not_null`, {
        column: rule.column,
        rule: 'not_null',
        description: `'${rule.column}' is not null`,
        severity: rule.severity,
        mostly: 1
      })
    )
  return {
    profile,
    missing,
    // The common case, Table Schema's default, is a single null token: the empty string.
    onlyEmptyIsNull: missing.size === 1 && missing.has(''),
    checks,
    needsText: checks.some(check => check.needsText),
    nullCounters,
    schemaCell: cellSchema?.column(name),
    schemaNumeric: cellSchema?.numeric(name),
    schemaRange: cellSchema?.range(name)
  }
}
