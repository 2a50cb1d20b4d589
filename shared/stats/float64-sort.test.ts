import { expect, test } from '@jest/globals'
import fc from 'fast-check'
import { sortFloat64 } from './float64-sort.js'

test('sorts exactly as Float64Array.prototype.sort, signed zeros, infinities and subnormals included', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 256, maxLength: 2000 }), values => {
      expect(Array.from(sortFloat64(values))).toEqual(Array.from(Float64Array.from(values).sort()))
    }),
    { numRuns: 200 }
  )
})

test('clustered values (shared exponent bits) and small or NaN inputs', () => {
  const clustered = Array.from({ length: 5000 }, (_, i) => 0.1 + ((i * 7919) % 5000) * 1e-9)
  expect(Array.from(sortFloat64(clustered))).toEqual(Array.from(Float64Array.from(clustered).sort()))
  expect(Array.from(sortFloat64([3, -1, 2]))).toEqual([-1, 2, 3])
  const withNaN = [...clustered.slice(0, 300), NaN]
  expect(Array.from(sortFloat64(withNaN))).toEqual(Array.from(Float64Array.from(withNaN).sort()))
})
