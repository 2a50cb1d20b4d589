import { mkdir, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { UserError } from '../errors/user-error.js'
import { insideAny, realPathToBe, realRoots } from './containment.js'
import { displayPath } from './display-path.js'

/**
 * Checks, before any work, that a file an input names as an output can be written: its folder lies inside the
 * workspace (or another allowed root, RUNNER_TEMP) once links are resolved, can be made, and the path is not a
 * folder itself. A report that cannot be written after a ten-minute validation is a wasted run; a raw EISDIR from
 * the final rename reads as our bug; and a link in a pull request must not send a report into `~/.ssh`. Returns
 * the absolute path; the folder exists afterwards.
 */
export async function prepareOutputFile(
  raw: string,
  options: { input: string; workspace: string; roots?: string[] }
): Promise<string> {
  const file = path.resolve(options.workspace, raw)
  const name = displayPath(file, options.workspace)
  const fail = (problem: string) =>
    new UserError(`Input '${options.input}': ${name} cannot be written: ${problem}.`, { file: name })
  // Checked before the folder is made: `mkdir -p` through a link would make folders where it points.
  const folder = await realPathToBe(path.dirname(file))
  if (!insideAny(folder, await realRoots([options.workspace, ...(options.roots ?? [])]))) {
    const via = folder === path.dirname(file) ? '' : ` (it resolves to ${folder})`
    throw fail(
      `its folder lies outside the workspace${via}. Name a path inside the repository checkout or the runner temp folder`
    )
  }
  try {
    await mkdir(path.dirname(file), { recursive: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST' || code === 'ENOTDIR')
      throw fail(`${await fileOnTheWay(path.dirname(file), options.workspace)} is a file, not a folder`)
    if (code === 'EACCES' || code === 'EROFS') throw fail(`its folder cannot be created (${code})`)
    throw error
  }
  if ((await stat(file).catch(() => undefined))?.isDirectory())
    throw new UserError(
      `Input '${options.input}': ${name} is a directory; name a file, such as ${name}/${options.input}.json.`,
      { file: name }
    )
  return file
}

/** The first path on the way to `folder` that exists and is not a folder. */
async function fileOnTheWay(folder: string, workspace: string): Promise<string> {
  for (let at = folder; at !== path.dirname(at); at = path.dirname(at)) {
    const info = await stat(at).catch(() => undefined)
    if (info && !info.isDirectory()) {
      // Every ancestor above this one exists, so the user's mistake is here.
      return displayPath(at, workspace)
    }
  }
  return displayPath(folder, workspace)
}
