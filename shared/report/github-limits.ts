/**
 * GitHub's limits on what a step may show, in one place, and the one way a text is cut to fit them: at a line, in
 * UTF-8 bytes, with a note saying where the rest is. Nothing here fails: a text too long is cut, never refused.
 *
 * Counted in UTF-8 bytes even where GitHub says "characters": a text within N bytes is within N characters in
 * any counting (code points, UTF-16 units or bytes), so it fits whichever GitHub applies.
 */
export const GITHUB_LIMITS = {
  /** One step's job summary: GitHub refuses one over 1 MiB and shows none of it ("Step summary is over 1024k"). */
  jobSummaryBytes: 1024 * 1024,
  /** A check run's output.summary and output.text: "Maximum length: 65535 characters" (REST checks API). */
  checkRunTextBytes: 65_535,
  /** Annotations in one create or update of a check run: "a maximum of 50 per API request" (REST checks API). */
  checkRunAnnotationsPerRequest: 50,
  /** A check-run annotation's title: 255 characters (REST checks API). */
  annotationTitleChars: 255,
  /** A check-run annotation's message: "The maximum size is 64 KB" (REST checks API). */
  annotationMessageBytes: 64 * 1024,
  /**
   * Workflow-command annotations the run's page keeps per step and level: the runner counts every `::error` and
   * `::warning` but keeps only the first 10 of each (actions/runner, ExecutionContext.cs, `_maxIssueCount = 10`).
   */
  stepAnnotationsPerLevel: 10,
  /** An issue or pull-request comment's body: GitHub refuses one over 65,536 characters ("body is too long"). */
  commentBodyChars: 65_536,
  /** A commit status description: 140 characters (REST statuses API). */
  commitStatusDescriptionChars: 140
} as const

/**
 * The check-run annotations mlci attaches at most, the most important first: 250, five requests of 50. GitHub sets
 * no total, but each 50 more is one more write request, which the client spaces a second apart (its throttling
 * plugin) and which counts against the job's rate limit; no reviewer reads more in a diff. The job summary and the
 * step's report have them all.
 */
export const CHECK_RUN_ANNOTATIONS_BUDGET = 250

export interface FitOptions {
  /** The budget in UTF-8 bytes, for the whole result: text, note and trailer. */
  limitBytes: number
  /** Said where the text was cut, e.g. "… (cut to fit GitHub's 1 MiB job summary; the report has everything)". */
  note: string
  /** Kept whole after the (possibly cut) text, e.g. a machine-read digest line. */
  trailer?: string
}

/**
 * `text`, and the trailer after it, within `limitBytes` UTF-8 bytes. When the text does not fit it is cut at the
 * last line break that leaves room (a single over-long line is cut at a character), an open code fence and open
 * `<details>` are closed so the markdown after the cut renders as intended, and the note follows.
 */
export function fitText(text: string, { limitBytes, note, trailer = '' }: FitOptions): string {
  const tail = trailer === '' ? '' : `\n\n${trailer}\n`
  if (byteLength(text) + byteLength(tail) <= limitBytes) return text + tail
  const noted = `\n\n${note}\n${tail}`
  const room = limitBytes - byteLength(noted)
  if (room <= 0) return utf8Prefix(noted.trimStart(), limitBytes)
  let kept = utf8Prefix(text, room)
  for (;;) {
    const lastBreak = kept.lastIndexOf('\n')
    if (lastBreak > 0) kept = kept.slice(0, lastBreak)
    const fitted = `${kept}${closingsFor(kept)}${noted}`
    if (byteLength(fitted) <= limitBytes || kept === '') return fitted
    // The closings did not fit: give up one more line (or, in one long line, a few characters) for them.
    if (lastBreak <= 0) kept = utf8Prefix(kept, byteLength(kept) - 64)
  }
}

/** The longest prefix of `text` within `limit` UTF-8 bytes that ends on a whole code point. */
export function utf8Prefix(text: string, limit: number): string {
  if (byteLength(text) <= limit) return text
  const bytes = Buffer.from(text).subarray(0, Math.max(0, limit))
  // A cut inside a multi-byte character leaves a replacement character at the end: drop it.
  return bytes.toString('utf8').replace(/\uFFFD$/u, '')
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text)
}

/** What closes the code fence and the `<details>` elements left open at the end of `markdown`. */
function closingsFor(markdown: string): string {
  let fence: string | undefined
  let openDetails = 0
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker !== undefined) {
      if (fence === undefined) fence = marker
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = undefined
      continue
    }
    if (fence !== undefined) continue
    openDetails += (line.match(/<details\b/gi) ?? []).length - (line.match(/<\/details>/gi) ?? []).length
  }
  return (fence === undefined ? '' : `\n${fence}`) + '\n</details>'.repeat(Math.max(0, openDetails))
}
