import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { CellSpans, numericReading } from './cell-spans.js'

/** Reads `text` as the only cell of a buffer, the way the CSV reader hands cells over. */
function spanOf(text: string): { cells: CellSpans; start: number; end: number } {
  const bytes = Buffer.from(`,${text},`, 'utf8')
  return {
    cells: new CellSpans(
      bytes,
      bytes.every(b => b < 0x80)
    ),
    start: 1,
    end: bytes.length - 1
  }
}

describe('cell spans', () => {
  test('a number read from bytes is exactly Number(text), for decimals and everything that only looks like one', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 20 })
    const decimal = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits,
        fc.option(digits, { nil: undefined }),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits), {
          nil: undefined
        })
      )
      .map(
        ([sign, whole, fraction, exponent]) =>
          `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${exponent ? exponent.join('') : ''}`
      )
    const odd = fc.string({ unit: fc.constantFrom(...'0123456789.eE+-xXabIfinty _\t\u00a0'), maxLength: 12 })
    fc.assert(
      fc.property(fc.oneof(decimal, odd, fc.double().map(String)), text => {
        const { cells, start, end } = spanOf(text)
        expect(Object.is(cells.number(start, end), numericReading(text))).toBe(true)
      }),
      { numRuns: 20000 }
    )
  })

  test('doubled quotes are undone, non-ASCII cells decoded, true/false recognised', () => {
    const bytes = Buffer.from('say ""hi"",café,true,false,True', 'utf8')
    const ascii = new CellSpans(bytes, false)
    expect(ascii.text(0, ~10)).toBe('say "hi"')
    expect(ascii.text(11, 16)).toBe('café')
    expect(ascii.isBooleanWord(17, 21)).toBe(true)
    expect(ascii.isBooleanWord(22, 27)).toBe(true)
    expect(ascii.isBooleanWord(28, 32)).toBe(false)
    expect(numericReading('1'.repeat(40))).toBeNaN()
  })
})
