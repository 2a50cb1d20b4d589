import { describe, expect, test } from '@jest/globals'
import { UserError } from '../errors/user-error.js'
import { parsePolicy } from './policy.js'

const POLICY = `metrics:
  accuracy: { direction: higher, min: 0.90, max_drop: 0.01, warn_drop: 0.005 }
  rmse:     { direction: lower, max: 3.2, max_increase_pct: 5 }
  latency_p95_ms: { direction: lower, max: 50, informational: true }
significance: { level: 0.05, method: paired-bootstrap }
slices:
  column: region
  metrics: { accuracy: { min: 0.85, max_gap: 0.05 } }
missing: fail
first_run: pass
`

function errorOf(text: string): UserError {
  try {
    parsePolicy(text, 'mlci-policy.yaml')
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a UserError')
}

describe('parsePolicy', () => {
  test("reads the issue's example with the line of every threshold", () => {
    const policy = parsePolicy(POLICY, 'mlci-policy.yaml')
    expect(policy.metrics.map(m => m.metric)).toEqual(['accuracy', 'rmse', 'latency_p95_ms'])
    expect(policy.metrics[0]).toMatchObject({
      direction: 'higher',
      min: { value: 0.9, line: 2 },
      change: { max_drop: { value: 0.01, line: 2 }, warn_drop: { value: 0.005, line: 2 } }
    })
    expect(policy.metrics[1].change.max_increase_pct).toEqual({ value: 5, line: 3 })
    expect(policy.metrics[2].informational).toBe(true)
    expect(policy.significance).toEqual({ level: 0.05, method: 'paired-bootstrap', line: 5 })
    expect(policy.slices).toMatchObject({
      column: 'region',
      metrics: [{ metric: 'accuracy', maxGap: { value: 0.05, line: 8 } }]
    })
    expect([policy.missing, policy.firstRun]).toEqual(['fail', 'pass'])
  })

  test('a typo is an error at its line with the nearest key', () => {
    expect(errorOf('metrics:\n  accuracy:\n    direction: higher\n    max_dorp: 0.01\n').message).toBe(
      "mlci-policy.yaml:4: unknown key 'max_dorp': did you mean 'max_drop'?"
    )
    expect(errorOf('metrics: {}\nfirst_rnu: pass\n').message).toBe(
      "mlci-policy.yaml:2: unknown key 'first_rnu': did you mean 'first_run'?"
    )
    expect(errorOf('metrics:\n  f1: { direction: up }\n').message).toMatch(
      /^mlci-policy\.yaml:2: .*'up' is not one of higher, lower/
    )
  })

  test('change rules must agree with the direction, and warn tiers come before fail tiers', () => {
    expect(errorOf('metrics:\n  rmse: { direction: lower, max_drop: 1 }\n').message).toMatch(
      /:2: .*max_drop applies to metrics where higher is better.*use max_increase\./
    )
    expect(errorOf('metrics:\n  auc: { max_drop: 1 }\n').message).toMatch(/add 'direction: higher'/)
    expect(
      errorOf('metrics:\n  auc: { direction: higher, max_drop: 0.01, warn_drop: 0.02 }\n').message
    ).toMatch(/warn_drop \(0\.02\) must not exceed max_drop/)
  })
})
