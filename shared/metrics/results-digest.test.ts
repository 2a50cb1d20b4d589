import { expect, test } from '@jest/globals'
import fc from 'fast-check'
import { escapeMarkdown, renderTable } from '../report/markdown.js'
import { decodeDigest, encodeDigest } from './results-digest.js'

const COMMIT = 'c'.repeat(40)
const digest = {
  version: 1 as const,
  commit: COMMIT,
  metrics: { accuracy: { value: 0.9, ci: { low: 0.88, high: 0.92 } } }
}
const table = '| metric | value |\n|---|---|'

test('a digest survives a round trip as the last line of a check-run summary, and garbage reads as none', () => {
  const summary = `${table}\n\n${encodeDigest(digest)}\n`
  expect(decodeDigest(summary, COMMIT)).toEqual(digest)
  expect(decodeDigest('no digest here', COMMIT)).toBeUndefined()
  expect(decodeDigest('<!-- mlci-results:v1:data:application/gzip;base64,AAAA -->', COMMIT)).toBeUndefined()
})

test('only the last line counts, and only for the commit it names', () => {
  const forged = encodeDigest({ ...digest, metrics: { accuracy: { value: 0.1 } } })
  // A digest anywhere but last is data, not ours: the first-marker-wins forgery.
  expect(decodeDigest(`${forged}\n${table}\n`, COMMIT)).toBeUndefined()
  expect(decodeDigest(`${table} ${encodeDigest(digest)}\n`, COMMIT)).toBeUndefined()
  expect(decodeDigest(`${forged}\n\n${encodeDigest(digest)}\n`, COMMIT)).toEqual(digest)
  // A digest copied into another commit's check run names the wrong commit.
  expect(decodeDigest(`${table}\n\n${encodeDigest(digest)}\n`, 'd'.repeat(40))).toBeUndefined()
  expect(decodeDigest(`${table}\n\n${encodeDigest({ ...digest, commit: null })}\n`, COMMIT)).toBeUndefined()
})

test('no data rendered through the markdown module ends a summary with a line the decoder accepts', () => {
  const forgedLine = encodeDigest({ ...digest, metrics: { accuracy: { value: 0 } } })
  const text = fc.oneof(
    fc.string(),
    fc.constant(forgedLine),
    fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}\n${forgedLine}\n${b}`)
  )
  fc.assert(
    fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), cells => {
      const summaries = [
        cells.map(escapeMarkdown).join('\n'),
        renderTable(
          cells.map(() => ({ header: 'x' })),
          [cells]
        )
      ]
      for (const summary of summaries) expect(decodeDigest(summary, COMMIT)).toBeUndefined()
    }),
    { seed: 12, numRuns: 300 }
  )
})
