import { stat } from 'node:fs/promises'
import * as path from 'node:path'
import { UserError } from '../errors/user-error.js'

/** Characters that make a pattern a glob for @actions/glob (minimatch); without them it names one path. */
const GLOB_MAGIC = /[*?[\]{}()!+@]/

/**
 * Expands glob patterns the way `actions/upload-artifact` does (via @actions/glob), relative to the
 * workspace, and returns sorted absolute file paths. A pattern that matches nothing is the user's mistake:
 * a typo in a path must not turn into "0 files checked, all good".
 */
export async function expandGlobs(
  inputName: string,
  patterns: string[],
  workspace: string
): Promise<string[]> {
  const found = new Set<string>()
  // A path to a file, with no negation to apply, needs no glob engine (nor the @actions/core it loads,
  // about 30 MB of resident memory: validate-data reads its data before loading it).
  if (patterns.every(p => !GLOB_MAGIC.test(p))) {
    const files = await Promise.all(
      patterns.map(p => fileAt(path.isAbsolute(p) ? p : path.join(workspace, p)))
    )
    if (files.every(file => file !== undefined)) return [...new Set(files)].sort()
  }
  const { create } = await import('@actions/glob')
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    if (negated) continue
    const absolute = path.isAbsolute(pattern) ? pattern : path.join(workspace, pattern)
    const negations = patterns
      .filter(p => p.startsWith('!'))
      .map(p => '!' + (path.isAbsolute(p.slice(1)) ? p.slice(1) : path.join(workspace, p.slice(1))))
    const globber = await create([absolute, ...negations].join('\n'), {
      matchDirectories: false,
      implicitDescendants: true
    })
    const matches = await globber.glob()
    if (matches.length === 0) {
      throw new UserError(
        `Input '${inputName}': '${pattern}' matched no file under ${workspace}. Check the path, or the step that should have written it.`
      )
    }
    for (const match of matches) found.add(match)
  }
  return [...found].sort()
}

/** The normalised path when it names a regular file (symbolic links followed, as @actions/glob does). */
async function fileAt(file: string): Promise<string | undefined> {
  try {
    return (await stat(file)).isFile() ? path.resolve(file) : undefined
  } catch {
    return undefined
  }
}
