import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { locateJsonError } from './json-error.js'

describe('locateJsonError', () => {
  test('agrees with JSON.parse on valid documents', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, indent) => {
        expect(locateJsonError(JSON.stringify(value, null, indent))).toBeUndefined()
      })
    )
  })

  test('agrees with JSON.parse on damaged documents, and points inside the text', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.nat(),
        fc.constantFrom('', '}', ']', ',', ':', '"', 'x', '\n', '0'),
        (value, where, insert) => {
          const text = JSON.stringify(value, null, 1)
          const cut = where % (text.length + 1)
          const damaged = text.slice(0, cut) + insert + text.slice(cut + (insert === '' ? 1 : 0))
          let valid = true
          try {
            JSON.parse(damaged)
          } catch {
            valid = false
          }
          const at = locateJsonError(damaged)
          expect(at === undefined).toBe(valid)
          if (at) expect(at.offset).toBeLessThanOrEqual(damaged.length)
        }
      ),
      { numRuns: 2000 }
    )
  })

  test('names the line and column of a missing value', () => {
    expect(locateJsonError('{\n  "accuracy": 0.93,\n  "auc": \n}')).toEqual({
      offset: 32,
      line: 4,
      column: 1
    })
  })
})
