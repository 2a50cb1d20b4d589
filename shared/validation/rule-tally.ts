import type { DataRuleResult } from './data-rule-result.js'
import type { SchemaError } from './row-schema.js'

/**
 * A copy of text sliced from a read chunk, for text kept for the whole run (examples, memo keys): V8 would
 * otherwise keep the whole chunk alive for each kept slice.
 */
export const detach = (text: string) => Buffer.from(text, 'utf8').toString('utf8')
const clip = (text: string) => detach(text.length > 80 ? `${text.slice(0, 77)}...` : text)

/**
 * The results of a run's data rules, in the order the rules were first met: every violation counted
 * exactly, while only the first `maxErrors` examples overall are kept.
 */
export class RuleTally {
  private readonly results = new Map<string, DataRuleResult>()
  private samplesLeft: number

  constructor(maxErrors: number) {
    this.samplesLeft = maxErrors
  }

  /** The result of rule `id`, made from `init` the first time the rule is met. */
  counter(
    id: string,
    init: Omit<DataRuleResult, 'id' | 'considered' | 'violations' | 'failed' | 'samples'>
  ): DataRuleResult {
    let result = this.results.get(id)
    if (!result) {
      result = { id, ...init, considered: 0, violations: 0, failed: false, samples: [] }
      this.results.set(id, result)
    }
    return result
  }

  violate(
    result: DataRuleResult,
    file: string,
    line: number,
    location: 'line' | 'row',
    value: string,
    message?: string
  ): void {
    result.violations++
    // Every rule keeps its first example even when the global budget is spent: each annotation needs a line.
    if (this.samplesLeft > 0 || result.samples.length === 0) {
      if (this.samplesLeft > 0) this.samplesLeft--
      result.samples.push({ file, line, location, value: clip(value), ...(message ? { message } : {}) })
    }
  }

  /** A row's schema errors, each a violation of the rule for its path and keyword. */
  violateSchema(errors: SchemaError[], file: string, line: number, location: 'line' | 'row'): void {
    for (const error of errors) {
      const result = this.counter(`schema ${error.path} ${error.keyword}`, {
        column: error.column,
        rule: `schema: ${error.keyword}`,
        description: `${error.path || 'row'} ${error.message}`,
        severity: 'error',
        mostly: 1
      })
      this.violate(result, file, line, location, error.value)
    }
  }

  /** Puts a result computed whole (a dataset-level rule), replacing any of the same id in its place. */
  set(result: DataRuleResult): void {
    this.results.set(result.id, result)
  }

  all(): DataRuleResult[] {
    return [...this.results.values()]
  }
}
