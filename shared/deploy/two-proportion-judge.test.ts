import { describe, expect, test } from '@jest/globals'
import { defaultEffectSize } from './effect-size-gates.js'
import { classifyMannWhitney } from './mann-whitney-judge.js'
import { classifyTwoProportion, type TwoProportionMetricConfig } from './two-proportion-judge.js'

function config(overrides: Partial<TwoProportionMetricConfig> = {}): TwoProportionMetricConfig {
  return {
    name: 'errors',
    direction: 'increase',
    critical: false,
    mustHaveData: false,
    effectSize: defaultEffectSize(),
    ...overrides
  }
}

const steps = (count: number, value: (k: number) => number) =>
  Array.from({ length: count }, (_, k) => value(k))

describe('classifyTwoProportion', () => {
  // 40 steps; the baseline 1000 requests a step at ~0.1% errors, the canary 50 a step at 0.4% (8 errors).
  const baseline = { events: steps(40, k => [1, 0, 2, 1][k % 4]), trials: steps(40, () => 1000) }
  const canary = { events: steps(40, k => (k % 5 === 0 ? 1 : 0)), trials: steps(40, () => 50) }

  test('a fourfold rise in sparse errors is High, where Mann-Whitney on the per-step rates sees none', () => {
    const result = classifyTwoProportion(canary, baseline, config(), 0.98)
    expect(result).toMatchObject({ classification: 'High', effectSize: 4 })
    const rates = (side: typeof canary) => side.events.map((events, k) => events / side.trials[k])
    expect(
      classifyMannWhitney(rates(canary), rates(baseline), { ...config(), nanStrategy: 'remove' })
    ).toMatchObject({ classification: 'Pass' })
  })

  test('too few requests for any outcome to be significant is Inconclusive, not a pass', () => {
    const result = classifyTwoProportion(
      { events: [0], trials: [2] },
      { events: [0], trials: [2] },
      config(),
      0.98
    )
    expect(result.classification).toBe('Inconclusive')
    expect(result.reason).toMatch(/^too few trials \(canary 2, baseline 2\)/)
    expect(
      classifyTwoProportion({ events: [0], trials: [50] }, { events: [0], trials: [50] }, config(), 0.98)
    ).toMatchObject({ classification: 'Pass' })
  })

  test('a significant rise inside allowed_increase whose interval reaches past it is Inconclusive', () => {
    const gates = { ...defaultEffectSize(), allowedIncrease: 5 }
    const result = classifyTwoProportion(canary, baseline, config({ effectSize: gates }), 0.98)
    expect(result.classification).toBe('Inconclusive')
    expect(result.reason).toMatch(
      /^errors rose \(effect 4, within allowed_increase 5\), but its interval reaches/
    )
    const wide = { ...defaultEffectSize(), allowedIncrease: 50 }
    expect(classifyTwoProportion(canary, baseline, config({ effectSize: wide }), 0.98).classification).toBe(
      'Pass'
    )
  })

  test('no requests on a side is no data; events beyond the trials are an error; no errors at all pass', () => {
    expect(classifyTwoProportion({ events: [], trials: [] }, baseline, config(), 0.98).classification).toBe(
      'Nodata'
    )
    expect(classifyTwoProportion({ events: [3], trials: [2] }, baseline, config(), 0.98).classification).toBe(
      'Error'
    )
    const silent = { events: [], trials: steps(40, () => 1000) }
    expect(classifyTwoProportion(silent, silent, config(), 0.98).classification).toBe('Pass')
  })
})
