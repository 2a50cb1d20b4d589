import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { formatDuration, parseDuration } from './duration.js'

describe('parseDuration', () => {
  test('reads the forms users write', () => {
    expect(parseDuration('90s')).toBe(90_000)
    expect(parseDuration('10m')).toBe(600_000)
    expect(parseDuration('1h30m')).toBe(5_400_000)
    expect(parseDuration('250ms')).toBe(250)
    expect(parseDuration('1.5h')).toBe(5_400_000)
    expect(parseDuration(' 2d ')).toBe(172_800_000)
  })

  test('refuses ambiguous or malformed text', () => {
    for (const bad of ['', '10', 'm', '10 m', '5x', '1h 30m', '-5s', 's10'])
      expect(parseDuration(bad)).toBeUndefined()
  })

  test('format and parse are inverse on whole milliseconds', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 * 86_400_000 }), ms => expect(parseDuration(formatDuration(ms))).toBe(ms))
    )
  })
})
