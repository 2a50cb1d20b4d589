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

describe('writeJobSummary', () => {
  test("the 1 MiB is the step's: a second write gets only what the first left, cut with a note", async () => {
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const { writeJobSummary } = await import('./step-output.js')
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'mlci-summary-')), 'summary')
    await writeFile(file, '')
    const saved = process.env.GITHUB_STEP_SUMMARY
    process.env.GITHUB_STEP_SUMMARY = file
    try {
      const part = '| metric | ✓ |\n'.repeat(45_000) // ~720 KB each
      await writeJobSummary(part)
      await writeJobSummary(part)
      const written = await readFile(file, 'utf8')
      expect(Buffer.byteLength(written)).toBeLessThanOrEqual(1024 * 1024)
      expect(written.startsWith(part)).toBe(true)
      expect(
        written
          .trimEnd()
          .endsWith("… (cut to fit GitHub's 1 MiB job summary; the step's report file has everything)")
      ).toBe(true)
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
      else process.env.GITHUB_STEP_SUMMARY = saved
    }
  })
})
