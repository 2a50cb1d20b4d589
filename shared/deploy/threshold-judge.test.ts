import { describe, expect, test } from '@jest/globals'
import { classifyThreshold } from './threshold-judge.js'

describe('classifyThreshold', () => {
  const config = { name: 'error_rate', max: 0.01, critical: false, mustHaveData: false }

  test('the canary mean inside the range passes, above it is High, below the minimum Low', () => {
    expect(classifyThreshold([0.001, 0.002, NaN], [], config).classification).toBe('Pass')
    expect(classifyThreshold([0.02, 0.03], [0.001], config).classification).toBe('High')
    expect(classifyThreshold([0.5], [], { ...config, min: 0.9, max: undefined }).classification).toBe('Low')
  })

  test('no samples is Nodata, critical when the metric is, or a failure when it must have data', () => {
    expect(classifyThreshold([NaN], [1], config)).toMatchObject({ classification: 'Nodata', critical: false })
    expect(classifyThreshold([], [1], { ...config, critical: true })).toMatchObject({
      classification: 'Nodata',
      critical: true
    })
    expect(classifyThreshold([], [1], { ...config, mustHaveData: true }).classification).toBe(
      'NodataFailMetric'
    )
  })

  test('a critical metric out of range is critical', () => {
    expect(classifyThreshold([1], [], { ...config, critical: true })).toMatchObject({
      classification: 'High',
      critical: true
    })
  })
})
