import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { formatNumber } from './number-format.js'

describe('formatNumber', () => {
  test('significant digits without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3')
    expect(formatNumber(0.912345)).toBe('0.9123')
    expect(formatNumber(3.2)).toBe('3.2')
    expect(formatNumber(1234.5678)).toBe('1235')
    expect(formatNumber(123456.7)).toBe('123457')
    expect(formatNumber(-0.000123456)).toBe('-0.0001235')
    expect(formatNumber(1e-9)).toBe('1e-9')
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(0.5, 2)).toBe('0.5')
    expect(formatNumber(Infinity)).toBe('∞')
  })

  test('agrees with toPrecision on the value it shows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-5, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        (x, digits) => {
          const shown = Number(formatNumber(x, digits))
          const reference = Number(x.toPrecision(digits))
          if (Math.abs(x) < 10 ** digits) expect(shown).toBeCloseTo(reference, 12)
          else expect(shown).toBe(Math.round(x))
        }
      )
    )
  })
})
