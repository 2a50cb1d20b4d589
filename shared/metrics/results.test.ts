import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { Results } from './results.js'

const schema = JSON.parse(readFileSync(new URL('./results.schema.json', import.meta.url), 'utf8'))

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  ;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
  return ajv.compile(schema)
}

const EXAMPLE: Results = {
  schemaVersion: 1,
  createdAt: '2026-11-26T09:00:00Z',
  commit: 'a'.repeat(40),
  verdict: 'warn',
  policyFile: 'mlci-policy.yaml',
  candidate: {
    source: 'predictions',
    task: 'binary',
    examples: 1000,
    confidence: 0.95,
    bootstrap: 1000,
    seed: 0,
    metrics: {
      accuracy: { value: 0.91, ci: { low: 0.89, high: 0.93 } },
      roc_auc: { value: null, reason: 'x' }
    },
    slices: [{ column: 'region', values: { eu: { accuracy: { value: 0.9 } } } }]
  },
  baseline: {
    source: 'check-run',
    commit: 'b'.repeat(40),
    detail: 'check run 12',
    metrics: { accuracy: { value: 0.92 } }
  },
  rules: [
    {
      metric: 'accuracy',
      rule: 'max_drop',
      threshold: 0.01,
      actual: -0.01,
      status: 'warn',
      message: 'dropped by 0.01',
      line: 3,
      significance: { method: 'mcnemar', level: 0.05, pValue: 0.2, significant: false }
    }
  ]
}

describe('results.schema.json', () => {
  test('accepts a complete results file', () => {
    const validate = validator()
    expect(validate(EXAMPLE)).toBe(true)
  })

  test('refuses unknown fields, a wrong version and a bad status', () => {
    const validate = validator()
    expect(validate({ ...EXAMPLE, extra: 1 })).toBe(false)
    expect(validate({ ...EXAMPLE, schemaVersion: 2 })).toBe(false)
    expect(validate({ ...EXAMPLE, rules: [{ ...EXAMPLE.rules[0], status: 'ok' }] })).toBe(false)
  })

  test('a value that was NaN or ±Infinity is null with a reason and what it was; earlier files stay valid', () => {
    const validate = validator()
    const withMetrics = (metrics: object) => ({ ...EXAMPLE, candidate: { ...EXAMPLE.candidate, metrics } })
    expect(validate(withMetrics({ loss: { value: null, nonFinite: 'Infinity', reason: '∞' } }))).toBe(true)
    expect(validate(withMetrics({ loss: { value: null, nonFinite: 'NaN', reason: 'NaN' } }))).toBe(true)
    expect(validate(withMetrics({ loss: { value: null, nonFinite: 'inf' } }))).toBe(false)
    expect(validate(withMetrics({ loss: { value: 0.2, nonFinite: 'NaN' } }))).toBe(false)
    expect(validate(withMetrics({ loss: { value: null, reason: 'only one class' } }))).toBe(true)
  })
})
