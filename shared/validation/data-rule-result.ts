import type { Severity } from './rules.js'

/** An example of a broken data rule: where it was broken, and the value that broke it. */
export interface Sample {
  file: string
  /** Physical line (csv, tsv, jsonl) or row number (parquet), per `location`. */
  line: number
  location: 'line' | 'row'
  value: string
  message?: string
}

/**
 * What one data rule (of the rules file, a Table Schema or a JSON Schema keyword) found in the data: every
 * violation counted, examples kept up to max-errors. Policy rules on metrics have their own RuleResult
 * (metrics/results.ts).
 */
export interface DataRuleResult {
  id: string
  column?: string
  rule: string
  description: string
  severity: Severity
  /** Rows the rule looked at (non-null rows for column rules, as Great Expectations' `mostly`). */
  considered: number
  violations: number
  mostly: number
  failed: boolean
  samples: Sample[]
}

/** Applies `mostly` (Great Expectations: success when (considered − violations) / considered ≥ mostly). */
export function finishResults(results: DataRuleResult[]): DataRuleResult[] {
  for (const result of results) {
    result.failed =
      result.violations > 0 &&
      (result.considered === 0 || (result.considered - result.violations) / result.considered < result.mostly)
  }
  return results
}
