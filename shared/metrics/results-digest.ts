import { gunzipSync, gzipSync } from 'node:zlib'
import { nameMap } from '../data/name-map.js'
import type { MetricSet } from './metric-estimate.js'

/**
 * The baseline a later run needs, stored where that run can find it without any storage of ours: in the
 * summary of our check run on the commit (EnricoMi/publish-unit-test-result-action's trick), as one HTML
 * comment line holding gzip + base64 JSON. Only the metrics travel, not slices or rules.
 */
export interface ResultsDigest {
  version: 1
  commit: string | null
  metrics: MetricSet
}

const MARKER = 'mlci-results:v1:data:application/gzip;base64,'
/** GitHub's check-run summary limit is 65,535 characters; the table shares it. */
const MAX_DIGEST = 50_000

export function encodeDigest(digest: ResultsDigest): string {
  let line = render(digest)
  if (line.length > MAX_DIGEST) {
    // Intervals are the first thing to go: the baseline's point values are what change rules use.
    const bare: MetricSet = nameMap()
    for (const [name, { value, nonFinite }] of Object.entries(digest.metrics))
      bare[name] = nonFinite === undefined ? { value } : { value, nonFinite }
    line = render({ ...digest, metrics: bare })
  }
  return line.length > MAX_DIGEST ? '' : line
}

function render(digest: ResultsDigest): string {
  return `<!-- ${MARKER}${gzipSync(JSON.stringify(digest)).toString('base64')} -->`
}

/** The digest in a check run's summary, or undefined when there is none or it is unreadable. */
export function decodeDigest(summary: string | null | undefined): ResultsDigest | undefined {
  if (!summary) return undefined
  const start = summary.indexOf(MARKER)
  if (start < 0) return undefined
  const end = summary.indexOf(' -->', start)
  const payload = summary.slice(start + MARKER.length, end < 0 ? undefined : end)
  try {
    const parsed = JSON.parse(gunzipSync(Buffer.from(payload, 'base64')).toString('utf8')) as ResultsDigest
    if (parsed.version !== 1 || typeof parsed.metrics !== 'object' || parsed.metrics === null)
      return undefined
    return parsed
  } catch {
    return undefined
  }
}
