import { describe, expect, test } from '@jest/globals'
import { defined, type MetricSet } from '../metrics/metric-estimate.js'
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
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, defined(value)]))
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

  test('significance: beyond the tolerance fails, within it passes, neither is inconclusive', () => {
    const significant = parsePolicy(
      'metrics:\n  accuracy: { direction: higher, max_drop: 0.01 }\nsignificance: { level: 0.05 }\n',
      'p.yaml'
    )
    const run = (pValue: number, pWithin: number, accuracy = 0.9) =>
      evaluateGate({
        policy: significant,
        candidate: metrics({ accuracy }),
        baseline: metrics({ accuracy: 0.93 }),
        significance: () => ({
          method: 'paired-bootstrap',
          level: 0.05,
          pValue,
          pWithin,
          significant: pValue < 0.05
        })
      })
    expect(run(0.01, 0.99).verdict).toBe('fail')
    expect(run(0.3, 0.7).verdict).toBe('inconclusive')
    expect(run(0.3, 0.7).rules[0].message).toMatch(
      /inconclusive, neither significantly beyond max_drop 0\.01 \(p = 0\.3\) nor within it \(p = 0\.7\)/
    )
    // The point estimate is within the tolerance, but only significance makes that a pass.
    expect(run(0.9, 0.1, 0.925).verdict).toBe('inconclusive')
    expect(run(0.99, 0.01, 0.925).verdict).toBe('pass')
    // A p-value on the level, up to rounding, is not below it.
    expect(run(0.05000000000000001, 0.9).verdict).toBe('inconclusive')
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

  test('thresholds on their decimal boundary are met, whatever the rounding (stats/tolerance.ts)', () => {
    const boundary = parsePolicy(
      `metrics:
  accuracy: { direction: higher, min: 0.7, max_drop: 0.01 }
  loss: { direction: lower, max: 0.3, max_increase_pct: 10 }
slices:
  column: region
  metrics: { accuracy: { max_gap: 0.01 } }
`,
      'p.yaml'
    )
    const result = evaluateGate({
      policy: boundary,
      candidate: metrics({ accuracy: 0.85, loss: 0.1 + 0.2 }),
      baseline: metrics({ accuracy: 0.86, loss: 0.3 / 1.1 }),
      slices: [
        { column: 'region', values: { eu: metrics({ accuracy: 0.86 }), us: metrics({ accuracy: 0.85 }) } }
      ]
    })
    expect(result.rules.map(rule => [rule.rule, rule.status])).toEqual([
      ['min', 'pass'],
      ['max_drop', 'pass'],
      ['max', 'pass'],
      ['max_increase_pct', 'pass'],
      ['max_gap', 'pass']
    ])
  })

  describe('values that are not finite numbers pass no rule', () => {
    const strict = parsePolicy(
      `metrics:
  accuracy: { direction: higher, min: 0.9, max_drop: 0.01, warn_drop: 0.005 }
  loss: { direction: lower, max: 1, max_increase_pct: 5 }
  latency: { direction: lower, max: 50, informational: true }
slices:
  column: region
  metrics: { accuracy: { min: 0.85, max_gap: 0.05 } }
`,
      'policy.yaml'
    )
    const statuses = (result: ReturnType<typeof evaluateGate>) =>
      result.rules.map(rule => [rule.metric, rule.slice ?? '', rule.rule, rule.status, rule.actual])

    test.each([NaN, Infinity, -Infinity])(
      '%s fails every rule on it, value and change; warn_ rules warn',
      x => {
        const result = evaluateGate({
          policy: strict,
          candidate: metrics({ accuracy: x, loss: x, latency: x }),
          baseline: metrics({ accuracy: 0.9, loss: 0.5, latency: 40 }),
          slices: [
            { column: 'region', values: { eu: metrics({ accuracy: x }), us: metrics({ accuracy: 0.9 }) } }
          ]
        })
        expect(result.verdict).toBe('fail')
        expect(statuses(result)).toEqual([
          ['accuracy', '', 'min', 'fail', null],
          ['accuracy', '', 'max_drop', 'fail', null],
          ['accuracy', '', 'warn_drop', 'warn', null],
          ['loss', '', 'max', 'fail', null],
          ['loss', '', 'max_increase_pct', 'fail', null],
          ['latency', '', 'max', 'fail', null],
          ['accuracy', 'eu', 'min', 'fail', null],
          ['accuracy', 'us', 'min', 'pass', 0.9],
          ['accuracy', '', 'max_gap', 'fail', null]
        ])
        expect(result.rules.find(rule => rule.rule === 'max_gap')!.message).toMatch(/region=eu/)
        expect(result.rules.find(rule => rule.metric === 'latency')!.informational).toBe(true)
      }
    )

    test('with no baseline, too: a NaN is not a first run to skip', () => {
      const result = evaluateGate({
        policy: strict,
        candidate: metrics({ accuracy: NaN, loss: 0.5 }),
        baseline: null
      })
      expect(statuses(result).filter(([metric]) => metric === 'accuracy')).toEqual([
        ['accuracy', '', 'min', 'fail', null],
        ['accuracy', '', 'max_drop', 'fail', null],
        ['accuracy', '', 'warn_drop', 'warn', null]
      ])
    })

    test('a NaN or infinite baseline is no baseline: change rules are skipped, saying so', () => {
      const result = evaluateGate({
        policy: strict,
        candidate: metrics({ accuracy: 0.95, loss: 0.5, latency: 1 }),
        baseline: metrics({ accuracy: NaN, loss: -Infinity })
      })
      expect(result.verdict).toBe('fail')
      const change = result.rules.filter(rule => rule.rule.includes('_'))
      expect(change.map(rule => [rule.rule, rule.status])).toEqual([
        ['max_drop', 'skipped'],
        ['warn_drop', 'skipped'],
        ['max_increase_pct', 'skipped']
      ])
      expect(change[0].message).toBe(
        "the baseline's accuracy is NaN, not a finite number: no baseline to compare with"
      )
      expect(change[2].message).toMatch(/loss is −∞/)
    })

    test('missing: pass skips a metric without a value; it never passes it', () => {
      const lenient = parsePolicy('metrics:\n  auc: { min: 0.7 }\nmissing: pass\n', 'p.yaml')
      const candidates: MetricSet[] = [{}, { auc: { value: null, reason: 'only one class' } }]
      for (const candidate of candidates) {
        const result = evaluateGate({ policy: lenient, candidate, baseline: null })
        expect(result.rules.map(rule => [rule.rule, rule.status])).toEqual([['missing', 'skipped']])
        expect(result.verdict).toBe('pass')
      }
    })

    test('a change too large for a double fails and is stored as null, as JSON has no Infinity', () => {
      const huge = parsePolicy('metrics:\n  score: { direction: higher, max_drop: 1 }\n', 'p.yaml')
      const result = evaluateGate({
        policy: huge,
        candidate: metrics({ score: -1.7e308 }),
        baseline: metrics({ score: 1.7e308 })
      })
      expect(result.rules).toEqual([expect.objectContaining({ status: 'fail', actual: null })])
      expect(result.rules[0].message).toMatch(/dropped by ∞/)
    })
  })

  test('metric and slice names that are properties of every object are names like any other', () => {
    const names = parsePolicy(
      `metrics:
  toString: { min: 0.5 }
  constructor: { direction: higher, max_drop: 0.1 }
  __proto__: { max: 1 }
  hasOwnProperty: { min: 0 }
slices:
  column: valueOf
  metrics: { toString: { min: 0.5, max_gap: 0.5 } }
`,
      'policy.yaml'
    )
    // Plain objects, as JSON.parse gives them: `toString` is not among their own keys.
    const candidate = JSON.parse('{"constructor": {"value": 0.6}, "__proto__": {"value": 2}}')
    const baseline = JSON.parse('{"constructor": {"value": 0.9}}')
    const slices = [
      {
        column: 'valueOf',
        values: JSON.parse(
          '{"__proto__": {"toString": {"value": 0.9}}, "constructor": {"toString": {"value": 0.3}}}'
        )
      }
    ]
    const result = evaluateGate({ policy: names, candidate, baseline, slices })
    expect(result.rules.map(rule => [rule.metric, rule.slice ?? '', rule.rule, rule.status])).toEqual([
      ['toString', '', 'missing', 'fail'],
      ['constructor', '', 'max_drop', 'fail'],
      ['__proto__', '', 'max', 'fail'],
      ['hasOwnProperty', '', 'missing', 'fail'],
      ['toString', '__proto__', 'min', 'pass'],
      ['toString', 'constructor', 'min', 'fail'],
      ['toString', '', 'max_gap', 'fail']
    ])
  })
})
