import * as path from 'node:path'
import { create } from '@actions/glob'
import { UserError } from './user-error.js'

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
