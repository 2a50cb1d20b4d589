import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { UniqueKeys } from './unique-keys.js'

describe('unique keys', () => {
  test('answer as a map of texts does, whether keys count up, repeat, or look like integers without being canonical', () => {
    const key = fc.oneof(
      fc.integer({ min: -50, max: 50 }).map(String),
      fc.constantFrom('007', '-0', '0', '+1', '1.0', ' 1', 'a', '', '999999999999999', '1000000000000000')
    )
    fc.assert(
      fc.property(
        fc.nat(200),
        fc.constantFrom(1, 3),
        fc.boolean(),
        fc.array(key, { maxLength: 40 }),
        fc.boolean(),
        (ascending, step, skipLines, rest, asBytes) => {
          // A counting-up prefix (the run: dense or with gaps, on consecutive lines or not), then anything.
          const keys = [...Array.from({ length: ascending }, (_, i) => String(i * step - 100)), ...rest]
          const unique = new UniqueKeys()
          unique.reserve(keys.length)
          const firstLine = new Map<string, number>()
          keys.forEach((k, i) => {
            const line = i + 2 + (skipLines ? Math.floor(i / 7) : 0)
            const bytes = Buffer.from(`,${k},`)
            const got = asBytes
              ? unique.addOrFindAscii(bytes, 1, bytes.length - 1, line)
              : unique.addOrFind(k, line)
            expect(got).toBe(firstLine.get(k) ?? -1)
            if (!firstLine.has(k)) firstLine.set(k, line)
          })
        }
      )
    )
  })
})
