import type { CellValue } from '../data/table.js'
import type { DataRuleResult } from './data-rule-result.js'
import type { RuleTally } from './rule-tally.js'
import type { ColumnRules } from './rules.js'
import { UniqueKeys } from './unique-keys.js'

/** One rule about a column's values, as a test the column loop runs on every non-null cell. */
export interface CompiledCheck {
  result: DataRuleResult
  /** undefined when the cell passes, else a note for the example ('' for none). */
  test: (text: string, n: number, cell: CellValue) => string | undefined
  /** The test reads the cell's text (the others only its numeric reading). */
  needsText: boolean
}

/** The value checks of one column rule, each counting into its own result. */
export function compileChecks(rule: ColumnRules, tally: RuleTally): CompiledCheck[] {
  const make = (name: string, description: string, test: CompiledCheck['test'], needsText = true) => ({
    result: tally.counter(`${rule.fromSchema ? 'schema ' : ''}${rule.column}.${name}`, {
      column: rule.column,
      rule: name,
      description,
      severity: rule.severity,
      mostly: rule.mostly
    }),
    test,
    needsText
  })
  const checks = []
  const col = rule.column
  if (rule.type === 'integer')
    checks.push(
      make('type', `'${col}' is an integer`, (_t, n) => (Number.isInteger(n) ? undefined : ''), false)
    )
  if (rule.type === 'number')
    checks.push(make('type', `'${col}' is a number`, (_t, n) => (Number.isFinite(n) ? undefined : ''), false))
  if (rule.type === 'boolean')
    checks.push(
      make('type', `'${col}' is true or false`, (t, _n, c) =>
        typeof c === 'boolean' || t === 'true' || t === 'false' ? undefined : ''
      )
    )
  if (rule.min !== undefined) {
    const min = rule.min
    checks.push(
      make(
        'min',
        `'${col}' ≥ ${min}`,
        (_t, n) => (n >= min ? undefined : n !== n ? 'not a number' : ''),
        false
      )
    )
  }
  if (rule.max !== undefined) {
    const max = rule.max
    checks.push(
      make(
        'max',
        `'${col}' ≤ ${max}`,
        (_t, n) => (n <= max ? undefined : n !== n ? 'not a number' : ''),
        false
      )
    )
  }
  if (rule.in) {
    const allowed = rule.in
    const shown = [...allowed].slice(0, 8).join(', ')
    checks.push(
      make('in', `'${col}' in {${shown}${allowed.size > 8 ? ', …' : ''}}`, t =>
        allowed.has(t) ? undefined : ''
      )
    )
  }
  if (rule.pattern) {
    const pattern = rule.pattern
    checks.push(
      make('pattern', `'${col}' matches ^${rule.patternText}$`, t => (pattern.test(t) ? undefined : ''))
    )
  }
  if (rule.minLength !== undefined) {
    const min = rule.minLength
    checks.push(
      make('min_length', `'${col}' has at least ${min} characters`, t => (t.length >= min ? undefined : ''))
    )
  }
  if (rule.maxLength !== undefined) {
    const max = rule.maxLength
    checks.push(
      make('max_length', `'${col}' has at most ${max} characters`, t => (t.length <= max ? undefined : ''))
    )
  }
  if (rule.unique) {
    const seen = new UniqueKeys()
    checks.push(
      make('unique', `'${col}' is unique`, t => (seen.addOrFind(t, 0) === -1 ? undefined : 'duplicate'))
    )
  }
  return checks
}
