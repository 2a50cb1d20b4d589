import { realpath } from 'node:fs/promises'
import * as path from 'node:path'

/**
 * Whether a path lies inside the folders a run may read and write (the workspace, RUNNER_TEMP) once `..` and
 * symbolic links are resolved: a pull request must not make a step read `/proc/self/environ` or write into
 * `~/.ssh` through a link it brought along.
 */
export async function realRoots(roots: readonly string[]): Promise<string[]> {
  // A root that does not exist (yet) stands for itself.
  return Promise.all(roots.map(root => realpath(root).catch(() => path.resolve(root))))
}

/** `real` must itself be resolved (realpath). */
export function insideAny(real: string, roots: readonly string[]): boolean {
  return roots.some(root => {
    const relative = path.relative(root, real)
    return (
      relative === '' ||
      (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
    )
  })
}

/**
 * The real path `file` would have once created: its nearest existing ancestor resolved, the rest appended. A folder
 * made by `mkdir -p` through a link lands where the link points, so this is checked before anything is made.
 */
export async function realPathToBe(file: string): Promise<string> {
  let rest = ''
  for (let at = path.resolve(file); ; at = path.dirname(at)) {
    try {
      return path.join(await realpath(at), rest)
    } catch {
      if (at === path.dirname(at)) return path.resolve(file)
      rest = path.join(path.basename(at), rest)
    }
  }
}
