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
  const lexical = rule.lexical
  // A Table Schema field reads its text by its own lexical forms; a typed value (JSONL, Parquet) is what it is.
  const spelt = lexical
    ? (t: string, n: number, c: CellValue) => (typeof c === 'number' ? c : lexical.number(t))
    : undefined
  const numberOf = spelt ? (t: string, n: number, c: CellValue) => spelt(t, n, c) ?? NaN : undefined
  if (rule.type === 'integer')
    checks.push(
      make(
        'type',
        `'${col}' is an integer`,
        numberOf
          ? (t, n, c) => (Number.isInteger(numberOf(t, n, c)) ? undefined : '')
          : (_t, n) => (Number.isInteger(n) ? undefined : ''),
        numberOf !== undefined
      )
    )
  if (rule.type === 'number')
    checks.push(
      make(
        'type',
        `'${col}' is a number`,
        // Table Schema's numbers include NaN, INF and -INF.
        spelt
          ? (t, n, c) => (spelt(t, n, c) !== undefined ? undefined : '')
          : (_t, n) => (Number.isFinite(n) ? undefined : ''),
        spelt !== undefined
      )
    )
  if (rule.type === 'boolean')
    checks.push(
      make('type', `'${col}' is true or false`, (t, _n, c) =>
        typeof c === 'boolean' || (lexical ? lexical.boolean(t) !== undefined : t === 'true' || t === 'false')
          ? undefined
          : ''
      )
    )
  if (rule.min !== undefined) {
    const min = rule.min
    const test = (n: number) => (n >= min ? undefined : n !== n ? 'not a number' : '')
    checks.push(
      make(
        'min',
        `'${col}' ≥ ${min}`,
        numberOf ? (t, n, c) => test(numberOf(t, n, c)) : (_t, n) => test(n),
        numberOf !== undefined
      )
    )
  }
  if (rule.max !== undefined) {
    const max = rule.max
    const test = (n: number) => (n <= max ? undefined : n !== n ? 'not a number' : '')
    checks.push(
      make(
        'max',
        `'${col}' ≤ ${max}`,
        numberOf ? (t, n, c) => test(numberOf(t, n, c)) : (_t, n) => test(n),
        numberOf !== undefined
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
      make('min_length', `'${col}' has at least ${min} characters`, t =>
        characters(t) >= min ? undefined : ''
      )
    )
  }
  if (rule.maxLength !== undefined) {
    const max = rule.maxLength
    checks.push(
      make('max_length', `'${col}' has at most ${max} characters`, t =>
        characters(t) <= max ? undefined : ''
      )
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

/**
 * The length of a text in characters (Unicode code points), as JSON Schema's and Table Schema's `minLength` count
 * it and Python's len(): an emoji outside the Basic Multilingual Plane is one character, two UTF-16 units.
 */
function characters(text: string): number {
  let length = text.length
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--
        i++
      }
    }
  }
  return length
}
