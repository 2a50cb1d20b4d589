import { describe, expect, test } from '@jest/globals'
import { evaluateGate } from './gate.js'
import { parsePolicy } from './policy.js'

const policy = parsePolicy(
  `metrics:
  accuracy: { direction: higher, min: 0.90, max_drop: 0.01, warn_drop: 0.005 }
  rmse: { direction: lower, max: 3.2, max_increase_pct: 5 }
  latency: { direction: lower, max: 50, informational: true }
slices:
  column: region
  metrics: { accuracy: { min: 0.85, max_gap: 0.05 } }
`,
  'policy.yaml'
)
const metrics = (values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }]))
const slices = [
  { column: 'region', values: { eu: metrics({ accuracy: 0.93 }), us: metrics({ accuracy: 0.9 }) } }
]

describe('evaluateGate', () => {
  test('passes within every tolerance; an informational failure does not count', () => {
    const result = evaluateGate({
      policy,
      candidate: metrics({ accuracy: 0.92, rmse: 3.0, latency: 80 }),
      baseline: metrics({ accuracy: 0.922, rmse: 2.95, latency: 40 }),
      slices
    })
    expect(result.verdict).toBe('pass')
    expect(result.rules.find(r => r.metric === 'latency')).toMatchObject({
      status: 'fail',
      informational: true
    })
    expect(result.rules.find(r => r.rule === 'max_gap')).toMatchObject({ status: 'pass', line: 7 })
  })

  test('warn and fail tiers, relative change, and the line of the rule', () => {
    const warn = evaluateGate({
      policy,
      candidate: metrics({ accuracy: 0.915, rmse: 3 }),
      baseline: metrics({ accuracy: 0.922, rmse: 3 }),
      slices
    })
    expect(warn.verdict).toBe('warn')
    const fail = evaluateGate({
      policy,
      candidate: metrics({ accuracy: 0.91, rmse: 3.16 }),
      baseline: metrics({ accuracy: 0.922, rmse: 3 }),
      slices
    })
    expect(fail.verdict).toBe('fail')
    expect(
      fail.rules.filter(r => r.status === 'fail' && !r.informational).map(r => [r.rule, r.line])
    ).toEqual([
      ['max_drop', 2],
      ['max_increase_pct', 3]
    ])
    expect(fail.rules.find(r => r.rule === 'max_increase_pct')!.actual).toBeCloseTo(5.333, 3)
  })

  test('first run: change rules are skipped and say so; a missing metric fails', () => {
    const result = evaluateGate({ policy, candidate: metrics({ accuracy: 0.95 }), baseline: null, slices })
    expect(result.rules.filter(r => r.rule === 'max_drop')).toEqual([
      expect.objectContaining({ status: 'skipped', message: expect.stringContaining('first run') })
    ])
    expect(result.rules.find(r => r.metric === 'rmse')).toMatchObject({ rule: 'missing', status: 'fail' })
    expect(result.verdict).toBe('fail')
  })

  test('significance turns a non-significant failure into a warning', () => {
    const significant = parsePolicy(
      'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { level: 0.05 }\n',
      'p.yaml'
    )
    const run = (pValue: number) =>
      evaluateGate({
        policy: significant,
        candidate: metrics({ accuracy: 0.9 }),
        baseline: metrics({ accuracy: 0.93 }),
        significance: () => ({ method: 'paired-bootstrap', level: 0.05, pValue, significant: pValue < 0.05 })
      })
    expect(run(0.01).verdict).toBe('fail')
    expect(run(0.3).verdict).toBe('warn')
    expect(run(0.3).rules[0].message).toMatch(/not significantly \(p = 0\.3/)
    const untested = evaluateGate({
      policy: significant,
      candidate: metrics({ accuracy: 0.9 }),
      baseline: metrics({ accuracy: 0.93 })
    })
    expect(untested.rules[0]).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('significance not tested')
    })
  })
})
