import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { byteLength, fitText, utf8Prefix } from './github-limits.js'

const NOTE = '… (cut to fit)'

describe('fitText', () => {
  test('a text that fits is kept whole, the trailer after it', () => {
    expect(fitText('| a |\n| 1 |\n', { limitBytes: 100, note: NOTE })).toBe('| a |\n| 1 |\n')
    expect(fitText('body', { limitBytes: 100, note: NOTE, trailer: '<!-- digest -->' })).toBe(
      'body\n\n<!-- digest -->\n'
    )
  })

  test('a longer one is cut at a line, in UTF-8 bytes, with the note, and the trailer survives', () => {
    const line = '| métrique | ✓ |\n'
    const fitted = fitText(line.repeat(10_000), { limitBytes: 4096, note: NOTE, trailer: 'DIGEST' })
    expect(byteLength(fitted)).toBeLessThanOrEqual(4096)
    expect(fitted.startsWith(line.repeat(10))).toBe(true)
    expect(fitted).toMatch(/\| ✓ \|\n\n… \(cut to fit\)\n\n\nDIGEST\n$/)
  })

  test('an open code fence and open <details> are closed before the note', () => {
    const markdown = `<details><summary>all rows</summary>\n\n\`\`\`text\n${'row\n'.repeat(1000)}\`\`\`\n</details>\n`
    const fitted = fitText(markdown, { limitBytes: 600, note: NOTE })
    expect(fitted).toMatch(/row\n```\n<\/details>\n\n… \(cut to fit\)\n$/)
    expect(byteLength(fitted)).toBeLessThanOrEqual(600)
  })

  test('never over the limit, a prefix of the text at a line, the note last (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 80 }),
        fc.integer({ min: 40, max: 2000 }),
        (lines, limitBytes) => {
          const text = lines.join('\n')
          const fitted = fitText(text, { limitBytes, note: NOTE })
          expect(byteLength(fitted)).toBeLessThanOrEqual(limitBytes)
          if (fitted === text) return
          expect(fitted.endsWith(`\n\n${NOTE}\n`)).toBe(true)
          const kept = fitted.slice(0, -`\n\n${NOTE}\n`.length).replace(/(\n```|\n<\/details>)+$/, '')
          expect(text.startsWith(kept)).toBe(true)
        }
      ),
      { seed: 14, numRuns: 300 }
    )
  })
})

test('utf8Prefix never splits a character', () => {
  expect(utf8Prefix('aé✓😀', 1)).toBe('a')
  expect(utf8Prefix('aé✓😀', 2)).toBe('a')
  expect(utf8Prefix('aé✓😀', 3)).toBe('aé')
  expect(utf8Prefix('aé✓😀', 9)).toBe('aé✓')
  expect(utf8Prefix('aé✓😀', 10)).toBe('aé✓😀')
})
