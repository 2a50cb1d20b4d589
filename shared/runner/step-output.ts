/**
 * What a step hands on: outputs for the next steps and the job summary for people. @actions/core is loaded when
 * they are written, not before: validate-data reads its data without it.
 */

/** GitHub refuses a step summary over 1 MiB and shows none of it; ours stays under, with a note where it was cut. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024
const CUT_NOTE = "\n\n… (cut to fit GitHub's 1 MiB job summary; the step's report file has everything)\n"

export async function setOutputs(outputs: Record<string, string>): Promise<void> {
  const core = await import('@actions/core')
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

export async function writeJobSummary(markdown: string): Promise<void> {
  const core = await import('@actions/core')
  const fitted = fitSummary(markdown)
  // Steps append to one summary file: each part ends its last line.
  await core.summary.addRaw(fitted.endsWith('\n') ? fitted : `${fitted}\n`).write()
}

/** The markdown, cut at a line boundary so that it and the note fit the limit in UTF-8 bytes. */
export function fitSummary(markdown: string, limit = SUMMARY_LIMIT_BYTES): string {
  if (Buffer.byteLength(markdown) + 1 <= limit) return markdown
  const room = limit - Buffer.byteLength(CUT_NOTE) - 1
  // Bytes are at most 4 per character: start from a prefix that surely fits, then grow it by lines.
  let cut = markdown.lastIndexOf('\n', Math.floor(room / 4))
  for (let next = markdown.indexOf('\n', cut + 1); next !== -1; next = markdown.indexOf('\n', next + 1)) {
    if (Buffer.byteLength(markdown.slice(0, next)) > room) break
    cut = next
  }
  return markdown.slice(0, Math.max(0, cut)) + CUT_NOTE
}
