import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { locateDeepNesting, locateJsonError, MAX_NESTING } from './json-error.js'

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

  test('locates a damaged document 100,000 brackets deep without running out of stack', () => {
    const text = `{"a": ${'['.repeat(100_000)}1,}`
    expect(locateJsonError(text)).toEqual({ offset: text.length - 1, line: 1, column: text.length })
  })
})

describe('locateDeepNesting', () => {
  test('finds the first bracket past the limit, outside strings, in valid and damaged text', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`
    expect(locateDeepNesting(deep(MAX_NESTING))).toBeUndefined()
    expect(locateDeepNesting(`{\n"a":\n ${deep(MAX_NESTING + 1)}}`)).toMatchObject({ line: 3, column: 101 })
    expect(locateDeepNesting(`["${'['.repeat(500)}\\", "\\"${'{'.repeat(500)}"]`)).toBeUndefined()
    expect(locateDeepNesting('{'.repeat(100_000))).toMatchObject({ offset: MAX_NESTING, line: 1 })
  })
})
