import { describe, expect, test } from '@jest/globals'
import { exceeds, fallsBelow, nearlyEqual, reaches } from './tolerance.js'

describe('threshold tolerance', () => {
  test('a decimal difference that lands an ulp beyond the threshold is on it', () => {
    expect(0.86 - 0.85).toBeGreaterThan(0.01)
    expect(exceeds(0.86 - 0.85, 0.01, 0.86, 0.85)).toBe(false)
    expect(exceeds(0.8605 - 0.85, 0.01, 0.8605, 0.85)).toBe(true)
  })
  test('a statistic an ulp under the threshold reaches it', () => {
    const d = 0.3 - 0.2 // 0.09999999999999998
    expect(d).toBeLessThan(0.1)
    expect(reaches(d, 0.1, 0.3)).toBe(true)
    expect(reaches(0.0999, 0.1)).toBe(false)
    expect(fallsBelow(d, 0.1, 0.3)).toBe(false)
    expect(fallsBelow(0.0999, 0.1)).toBe(true)
  })
  test('NaN and infinities are never within tolerance', () => {
    expect(nearlyEqual(Number.NaN, Number.NaN)).toBe(false)
    expect(exceeds(Number.NaN, 0)).toBe(false)
    expect(reaches(Number.NaN, 0)).toBe(false)
    expect(nearlyEqual(Infinity, 1e308)).toBe(false)
    expect(exceeds(Infinity, 1e308)).toBe(true)
  })
  test('the tolerance is relative: large values get large tolerance, tiny values tiny', () => {
    expect(nearlyEqual(1e6 + 1e-10, 1e6)).toBe(true)
    expect(nearlyEqual(1e-300, 2e-300)).toBe(false)
  })
})
