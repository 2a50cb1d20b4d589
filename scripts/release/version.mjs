// Semantic versions as release tags: `v<major>.<minor>.<patch>` with an optional pre-release (`-rc.1`), no
// build metadata, no leading zeros (semver.org §2, §9). The major tag (`v1`) follows the highest stable release of
// its major; pre-releases and older lines never move it.

const TAG =
  /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?$/

/**
 * The version a release tag names, or a message saying why the tag is not one.
 * @param {string} tag
 * @returns {{ version: Version } | { error: string }}
 */
export function parseVersionTag(tag) {
  const match = TAG.exec(tag)
  if (match === null)
    return {
      error:
        `${JSON.stringify(tag)} is not a release tag: write v<major>.<minor>.<patch> (v1.4.2), optionally with a ` +
        'pre-release (v2.0.0-rc.1); no leading zeros, no build metadata'
    }
  const [, major, minor, patch, prerelease] = match
  return {
    version: {
      major: Number(major),
      minor: Number(minor),
      patch: Number(patch),
      prerelease: prerelease === undefined ? [] : prerelease.split('.'),
      text: tag.slice(1)
    }
  }
}

/**
 * Semver precedence (semver.org §11): numbers, then a pre-release sorts before its release, identifiers compared
 * numerically when both are numbers, numbers before words, a shorter list before a longer one it starts.
 * @param {Version} a
 * @param {Version} b
 */
function compareVersions(a, b) {
  for (const key of /** @type {const} */ (['major', 'minor', 'patch']))
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1
  if (a.prerelease.length === 0 && b.prerelease.length === 0) return 0
  if (a.prerelease.length === 0) return 1
  if (b.prerelease.length === 0) return -1
  for (let index = 0; index < Math.min(a.prerelease.length, b.prerelease.length); index++) {
    const x = /** @type {string} */ (a.prerelease[index])
    const y = /** @type {string} */ (b.prerelease[index])
    if (x === y) continue
    const xNumber = /^\d+$/.test(x)
    const yNumber = /^\d+$/.test(y)
    if (xNumber && yNumber) return Number(x) < Number(y) ? -1 : 1
    if (xNumber !== yNumber) return xNumber ? -1 : 1
    return x < y ? -1 : 1
  }
  return Math.sign(a.prerelease.length - b.prerelease.length)
}

/**
 * What the release of `version` does to the major tag, given the version tags the repository has (the released
 * one among them or not). Majors start at 1: a 0.x version promises nothing between minors, so no `v0` is kept.
 * @param {Version} version
 * @param {string[]} existingTags
 * @returns {{ move: true, tag: string } | { move: false, reason: string }}
 */
export function majorTagMove(version, existingTags) {
  const tag = `v${version.major}`
  if (version.prerelease.length > 0)
    return { move: false, reason: `${version.text} is a pre-release: ${tag} stays where it is` }
  if (version.major === 0)
    return { move: false, reason: '0.x versions get no major tag (no compatibility promise)' }
  const newer = existingTags
    .map(existing => parseVersionTag(existing))
    .flatMap(parsed => ('version' in parsed ? [parsed.version] : []))
    .filter(other => other.major === version.major && other.prerelease.length === 0)
    .filter(other => compareVersions(other, version) > 0)
    .sort(compareVersions)
  if (newer.length > 0)
    return {
      move: false,
      reason: `v${newer[newer.length - 1]?.text} is newer in major ${version.major}: ${tag} stays with it`
    }
  return { move: true, tag }
}

/**
 * Whether `version` is the newest stable release of all: the one GitHub should show as "Latest".
 * @param {Version} version
 * @param {string[]} existingTags
 */
export function isLatest(version, existingTags) {
  if (version.prerelease.length > 0) return false
  return existingTags
    .map(existing => parseVersionTag(existing))
    .every(
      parsed =>
        !('version' in parsed) ||
        parsed.version.prerelease.length > 0 ||
        compareVersions(parsed.version, version) <= 0
    )
}

/**
 * @typedef {object} Version
 * @property {number} major
 * @property {number} minor
 * @property {number} patch
 * @property {string[]} prerelease  dot-separated pre-release identifiers; empty for a release
 * @property {string} text  the version without the `v`, as package.json and CHANGELOG.md write it
 */
