/**
 * What a step hands on: outputs for the next steps and the job summary for people. @actions/core is loaded when
 * they are written, not before: validate-data reads its data without it.
 */

import { byteLength, fitText, GITHUB_LIMITS } from '../report/github-limits.js'

const CUT_NOTE = "… (cut to fit GitHub's 1 MiB job summary; the step's report file has everything)"
/** What this step has written to its job summary so far: the 1 MiB is per step, not per write. */
let summaryBytesWritten = 0

export async function setOutputs(outputs: Record<string, string>): Promise<void> {
  const core = await import('@actions/core')
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

/** Appends to the step's job summary, cut with a note where it would pass GitHub's 1 MiB (never refused). */
export async function writeJobSummary(markdown: string): Promise<void> {
  const core = await import('@actions/core')
  const fitted = fitSummary(markdown, GITHUB_LIMITS.jobSummaryBytes - summaryBytesWritten)
  // Steps append to one summary file: each part ends its last line.
  const part = fitted.endsWith('\n') ? fitted : `${fitted}\n`
  if (part.trim() === '') return
  summaryBytesWritten += byteLength(part)
  await core.summary.addRaw(part).write()
}

/** The markdown, cut at a line boundary so that it, the note and a final line break fit the limit in UTF-8 bytes. */
export function fitSummary(markdown: string, limit: number = GITHUB_LIMITS.jobSummaryBytes): string {
  return fitText(markdown, { limitBytes: limit - 1, note: CUT_NOTE })
}
