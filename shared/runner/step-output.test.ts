import { describe, expect, test } from '@jest/globals'
import { fitSummary } from './step-output.js'

describe('fitSummary', () => {
  test('a summary under the limit is kept whole', () => {
    expect(fitSummary('| a |\n| 1 |\n', 100)).toBe('| a |\n| 1 |\n')
  })

  test('a larger one is cut at a line, in UTF-8 bytes, with a note', () => {
    const line = '| métrique | ✓ |\n'
    const markdown = line.repeat(10_000)
    const fitted = fitSummary(markdown, 4096)
    expect(Buffer.byteLength(fitted)).toBeLessThan(4096)
    expect(fitted).toMatch(/\| ✓ \|\n\n… \(cut to fit GitHub's 1 MiB job summary/)
    expect(fitted.startsWith(line.repeat(10))).toBe(true)
  })
})
