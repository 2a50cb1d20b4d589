import { expect, test } from '@jest/globals'
import { decodeDigest, encodeDigest } from './results-digest.js'

test('a digest survives a round trip inside a check-run summary, and garbage reads as none', () => {
  const digest = {
    version: 1 as const,
    commit: 'c'.repeat(40),
    metrics: { accuracy: { value: 0.9, ci: { low: 0.88, high: 0.92 } } }
  }
  const summary = `| metric | value |\n|---|---|\n\n${encodeDigest(digest)}\n`
  expect(decodeDigest(summary)).toEqual(digest)
  expect(decodeDigest('no digest here')).toBeUndefined()
  expect(decodeDigest('<!-- mlci-results:v1:data:application/gzip;base64,AAAA -->')).toBeUndefined()
})
