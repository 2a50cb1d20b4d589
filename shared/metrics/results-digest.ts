import { gunzipSync, gzipSync } from 'node:zlib'
import { nameMap } from '../data/name-map.js'
import type { MetricSet } from './metric-estimate.js'

/**
 * The baseline a later run needs, stored where that run can find it without any storage of ours: in the
 * summary of our check run on the commit (EnricoMi/publish-unit-test-result-action's trick), as one HTML
 * comment line holding gzip + base64 JSON. Only the metrics travel, not slices or rules.
 *
 * The summary also shows data (metric names, slice values), so the digest must be unforgeable by data. Three
 * things make it so: data reaches the summary only through `report/markdown.ts`, which turns `<` into `&lt;`,
 * so no data can start a line with `<!--`; the digest is read only from the summary's last line, where
 * `publishCheck` always puts it (a trailer after the cut); and it must name the commit of the check run it was
 * read from, so a digest copied to another commit's check run is refused. Digests written before these rules
 * (the same v1 line, last, naming the check run's own commit) still read.
 */
export interface ResultsDigest {
  version: 1
  commit: string | null
  metrics: MetricSet
}

const MARKER = 'mlci-results:v1:data:application/gzip;base64,'
/** The whole digest line, anchored: nothing before or after it on its line, base64 only. */
const DIGEST_LINE = /^<!-- mlci-results:v1:data:application\/gzip;base64,([A-Za-z0-9+/]+={0,2}) -->$/
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

/**
 * The digest a check-run summary (or a cache entry) ends with, when it records results of `commit`: the
 * head SHA of the check run it was read from. Undefined when the last line is not a digest, is unreadable,
 * or names another commit.
 */
export function decodeDigest(text: string | null | undefined, commit: string): ResultsDigest | undefined {
  if (!text) return undefined
  const lastLine = text.trimEnd().split(/\r?\n/).at(-1) ?? ''
  const payload = DIGEST_LINE.exec(lastLine)?.[1]
  if (payload === undefined) return undefined
  try {
    const parsed = JSON.parse(gunzipSync(Buffer.from(payload, 'base64')).toString('utf8')) as ResultsDigest
    if (parsed.version !== 1 || typeof parsed.metrics !== 'object' || parsed.metrics === null)
      return undefined
    if (parsed.commit !== commit) return undefined
    return parsed
  } catch {
    return undefined
  }
}
