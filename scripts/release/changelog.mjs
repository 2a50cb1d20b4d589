// CHANGELOG.md in the Keep a Changelog 1.1.0 format (https://keepachangelog.com/en/1.1.0/): `## [Unreleased]`
// first, then one `## [<version>] - <YYYY-MM-DD>` section per release, newest first, and link reference
// definitions (`[1.0.0]: https://…`) at the end. A release's notes are its section, word for word.

const SECTION = /^## \[([^\]]+)\](?:\s+-\s+(.*))?\s*$/
const LINK_DEFINITION = /^\[[^\]]+\]:\s+\S+/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The release notes of `version`: its section's body without the heading and without the link definitions
 * that close the file, or what is wrong with the section.
 * @param {string} changelog  the text of CHANGELOG.md
 * @param {string} version  e.g. `1.4.2` (no `v`)
 * @returns {{ notes: string, date: string } | { error: string }}
 */
export function releaseNotes(changelog, version) {
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n')
  const start = lines.findIndex(line => SECTION.exec(line)?.[1] === version)
  if (start < 0) {
    const known = lines.flatMap(line => SECTION.exec(line)?.[1] ?? []).join(', ')
    return {
      error:
        `CHANGELOG.md has no section for ${version} (it has: ${known || 'none'}). Move the entries of ` +
        `## [Unreleased] under a new heading "## [${version}] - YYYY-MM-DD" before tagging.`
    }
  }
  const heading = /** @type {string} */ (lines[start])
  const date = SECTION.exec(heading)?.[2]?.trim() ?? ''
  const valid = ISO_DATE.exec(date)
  if (valid === null || !isCalendarDate(Number(valid[1]), Number(valid[2]), Number(valid[3])))
    return {
      error:
        `CHANGELOG.md line ${start + 1}: the ${version} section has no release date (${JSON.stringify(heading)}); ` +
        `write "## [${version}] - YYYY-MM-DD" with the day it is tagged.`
    }
  const end = lines.findIndex(
    (line, index) => index > start && (SECTION.test(line) || LINK_DEFINITION.test(line))
  )
  const body = lines.slice(start + 1, end < 0 ? lines.length : end)
  const notes = body.join('\n').trim()
  if (!/^\s*[-*] \S/m.test(notes))
    return { error: `CHANGELOG.md line ${start + 1}: the ${version} section lists no change.` }
  return { notes: `${notes}\n`, date }
}

/**
 * @param {number} year
 * @param {number} month
 * @param {number} day
 */
function isCalendarDate(year, month, day) {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}
